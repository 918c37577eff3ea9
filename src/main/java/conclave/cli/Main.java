package conclave.cli;

/** Entry point of the conclave program. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("conclave");
    }
}
