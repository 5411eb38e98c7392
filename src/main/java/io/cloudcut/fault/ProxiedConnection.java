package io.cloudcut.fault;

/** One device connection through a link, as a fault sees it. Call only from the fault's hooks. */
public interface ProxiedConnection {

    /** Closes the device side with a TCP RST (SO_LINGER 0) and closes the broker side. */
    void reset();

    /** Closes both sides with a normal FIN. */
    void close();
}
