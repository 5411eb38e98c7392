package io.cloudcut.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model through the outage: a rung per probe round, its rung in each outage phase (the worst of
 * the phase's rounds once its settle time is over: what the outage came to, not how it began), its
 * headline (the worst of those), and its timeline (the rounds' rungs, settle time included, equal
 * neighbours merged across phases). Probes of one round share their phase and round; the round's
 * time is its first probe's, and it stands for the stretch until the next round (or its phase's end).
 * The rounds come folded ({@link ProbeRound}): nothing here needs the probes themselves.
 */
final class OutageJudgement {

    record Result(ModelVerdict headline, Map<String, ModelVerdict> phases, VerdictTimeline timeline) {
    }

    private record Round(long atMillis, boolean settling, Optional<ModelVerdict> rung) {
    }

    private OutageJudgement() {
    }

    /** {@code probes}: the model's probes, of every phase, with their rounds. */
    static Result judge(Ladder ladder, List<OutagePhases.Window> outage, ModelProbes probes) {
        Map<String, ModelVerdict> phases = new LinkedHashMap<>();
        List<Round> rounds = new ArrayList<>();
        for (OutagePhases.Window window : outage) {
            List<Round> phaseRounds = rounds(ladder, window, probes.rounds(window.phase()));
            phaseRounds.stream().filter(round -> !round.settling()).map(Round::rung).flatMap(Optional::stream)
                    .reduce(ModelVerdict::worst).ifPresent(rung -> phases.put(window.phase(), rung));
            rounds.addAll(phaseRounds);
        }
        ModelVerdict headline = phases.values().stream().reduce(ModelVerdict::worst).orElse(null);
        return new Result(headline, phases, timeline(outage, rounds));
    }

    /** {@code byNumber}: the phase's rounds in the order of their numbers. */
    private static List<Round> rounds(Ladder ladder, OutagePhases.Window window, Iterable<ProbeRound> byNumber) {
        List<ProbeRound> inOrder = new ArrayList<>();
        byNumber.forEach(inOrder::add);
        inOrder.sort(Comparator.comparingLong(ProbeRound::firstMillis));
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            long from = inOrder.get(i).firstMillis();
            long until = i + 1 < inOrder.size() ? inOrder.get(i + 1).firstMillis() : window.untilMillis();
            rounds.add(new Round(from, inOrder.get(i).settling(),
                    ladder.rung(new Ladder.Stretch(inOrder.get(i), from, until, window.workersLagMillis()))));
        }
        return rounds;
    }

    private static VerdictTimeline timeline(List<OutagePhases.Window> outage, List<Round> rounds) {
        long origin = outage.isEmpty() ? 0 : outage.get(0).fromMillis();
        long end = outage.isEmpty() ? 0 : outage.get(outage.size() - 1).untilMillis();
        long resolution = 0;
        List<VerdictTimeline.Span> spans = new ArrayList<>();
        ModelVerdict current = null;
        long since = 0;
        for (int i = 0; i < rounds.size(); i++) {
            Round round = rounds.get(i);
            long next = i + 1 < rounds.size() ? rounds.get(i + 1).atMillis() : end;
            resolution = Math.max(resolution, next - round.atMillis());
            ModelVerdict rung = round.rung().orElse(current);
            if (rung != current) {
                if (current != null) {
                    spans.add(span(current, since, round.atMillis(), origin));
                }
                current = rung;
                since = round.atMillis();
            }
        }
        if (current != null) {
            spans.add(span(current, since, end, origin));
        }
        return new VerdictTimeline(origin / 1000.0, resolution / 1000.0, spans);
    }

    private static VerdictTimeline.Span span(ModelVerdict rung, long fromMillis, long untilMillis, long origin) {
        return new VerdictTimeline.Span(rung, (fromMillis - origin) / 1000.0, (untilMillis - origin) / 1000.0);
    }
}
