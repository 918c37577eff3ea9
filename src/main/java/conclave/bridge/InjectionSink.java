package conclave.bridge;

/**
 * Where inbound messages go once the autonomy policy has let them through. The bridge's sink
 * writes them to Claude Code; system notices and permission prompts do not pass through sinks,
 * because no policy applies to them.
 */
@FunctionalInterface
interface InjectionSink {
    void deliver(Injection injection);
}
