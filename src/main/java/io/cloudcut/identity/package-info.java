/**
 * Who is who on the broker during a run: every device, cloud service, the phone app, the harness's
 * observers and status publisher, and MQTT dashboards connect with their own credentials, generated
 * for the run, and may use only the topics their part needs ({@link io.cloudcut.identity.Identities}).
 */
package io.cloudcut.identity;
