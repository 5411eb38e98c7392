/**
 * Trust between devices and the broker for a TLS run: a certificate authority made for the run, the
 * broker's and the proxy's certificates, one client certificate per device for mutual TLS, and the
 * TLS settings each side takes. Nothing here is ever written outside the run's temporary folder.
 */
package io.cloudcut.trust;
