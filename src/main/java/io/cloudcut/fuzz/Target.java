package io.cloudcut.fuzz;

import java.util.List;

/**
 * One topic a device or a cloud service reads, as the fuzzer sees it: who reads it (and counts
 * what it rejects), the readers' size limit, and payloads of each kind that only this topic's
 * protocol can tell apart.
 *
 * @param readers         device ids, or {@code service:<name>}
 * @param json            whether its protocol is JSON (a dashboard's is a plain word or number)
 * @param valid           payloads the readers take
 * @param wrongTypes      payloads with a field of the wrong type (or JSON where a word belongs)
 * @param outOfRange      payloads with a value out of range; may be empty
 * @param unknownCommands commands the readers do not know; may be empty
 */
record Target(String topic, List<String> readers, int maxBytes, boolean json, List<String> valid,
              List<String> wrongTypes, List<String> outOfRange, List<String> unknownCommands) {

    static final String SERVICE = "service:";

    Target {
        readers = List.copyOf(readers);
        valid = List.copyOf(valid);
        wrongTypes = List.copyOf(wrongTypes);
        outOfRange = List.copyOf(outOfRange);
        unknownCommands = List.copyOf(unknownCommands);
    }
}
