package conclave.server.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class DeliveriesTest {

    @Test
    void slowest_isTheLeastDeliveredLiveSubscriber_andALostOneNoLongerHoldsThePublisherBack() {
        Deliveries deliveries = new Deliveries();
        Deliveries.Subscriber fast = deliveries.subscribe();
        Deliveries.Subscriber slow = deliveries.subscribe();
        deliver(fast, 0, 1, 2);
        deliver(slow, 0);

        assertThat(deliveries.slowest()).isEqualTo(1);
        assertThat(deliveries.total()).isEqualTo(4);

        slow.lost();

        assertThat(deliveries.slowest()).isEqualTo(3);
        assertThat(deliveries.lost()).isEqualTo(1);
    }

    @Test
    void delivered_skippedSequenceNumbers_countAsGaps() {
        Deliveries deliveries = new Deliveries();
        Deliveries.Subscriber subscriber = deliveries.subscribe();

        deliver(subscriber, 0, 1, 4, 5, 7);

        assertThat(deliveries.gaps()).isEqualTo(3);
    }

    @Test
    void latency_isRecordedOnlyFromTheMeasuredSequenceOn() {
        Deliveries deliveries = new Deliveries();
        Deliveries.Subscriber subscriber = deliveries.subscribe();
        deliveries.measureFrom(2);

        deliver(subscriber, 0, 1, 2, 3);

        assertThat(deliveries.latency().count()).isEqualTo(2);
    }

    @Test
    void slowest_withNoLiveSubscriber_isUnbounded() {
        Deliveries deliveries = new Deliveries();
        deliveries.subscribe().lost();

        assertThat(deliveries.slowest()).isEqualTo(Long.MAX_VALUE);
    }

    private static void deliver(Deliveries.Subscriber subscriber, long... sequences) {
        for (long sequence : sequences) {
            subscriber.delivered(Unpooled.wrappedBuffer(Stamp.body(sequence, System.nanoTime())));
        }
    }
}
