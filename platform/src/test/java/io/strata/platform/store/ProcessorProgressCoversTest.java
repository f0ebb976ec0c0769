package io.strata.platform.store;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorProgressCoversTest {

    private static GapAwareTrackingToken gapAware(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    @Test
    void aGapAwareTokenWithoutGapsCoversEverythingUpToItsIndex() {
        TrackingToken token = gapAware(10);
        assertThat(ProcessorProgress.covers(token, 0)).isTrue();
        assertThat(ProcessorProgress.covers(token, 9)).isTrue();
        assertThat(ProcessorProgress.covers(token, 10)).isTrue();
        assertThat(ProcessorProgress.covers(token, 11)).isFalse();
    }

    @Test
    void aPositionInTheGapsIsNotCovered() {
        TrackingToken token = gapAware(10, 7L, 8L);
        assertThat(ProcessorProgress.covers(token, 7)).isFalse();
        assertThat(ProcessorProgress.covers(token, 8)).isFalse();
        assertThat(ProcessorProgress.covers(token, 6)).isTrue();
        assertThat(ProcessorProgress.covers(token, 9)).isTrue();
        assertThat(ProcessorProgress.covers(token, 10)).isTrue();
        assertThat(ProcessorProgress.covers(token, 11)).isFalse();
    }

    @Test
    void noTokenCoversNothing() {
        assertThat(ProcessorProgress.covers(null, 0)).isFalse();
        assertThat(ProcessorProgress.covers(null, 1)).isFalse();
    }

    @Test
    void anyOtherTokenIsJudgedByItsPosition() {
        TrackingToken token = new GlobalSequenceTrackingToken(5);
        assertThat(ProcessorProgress.covers(token, 5)).isTrue();
        assertThat(ProcessorProgress.covers(token, 6)).isFalse();
    }

    private static ReplayToken replayFrom10() {
        return (ReplayToken) ReplayToken.createReplayToken(gapAware(10), null);
    }

    @Test
    void aReplayThatHasNotStartedCoversNothing() {
        TrackingToken replay = ReplayToken.createReplayToken(gapAware(10), null);
        assertThat(replay).isInstanceOf(ReplayToken.class);
        assertThat(((ReplayToken) replay).getCurrentToken()).isNull();
        for (long position : List.of(0L, 1L, 5L, 10L)) {
            assertThat(ProcessorProgress.covers(replay, position)).as("position %d", position).isFalse();
        }
    }

    @Test
    void aReplayCoversWhatItHasReprocessedAndNothingBeyond() {
        TrackingToken replay = replayFrom10().advancedTo(gapAware(5));
        assertThat(replay).isInstanceOf(ReplayToken.class);
        assertThat(ProcessorProgress.covers(replay, 5)).isTrue();
        assertThat(ProcessorProgress.covers(replay, 6)).isFalse();
        assertThat(ProcessorProgress.covers(replay, 10)).isFalse();
        assertThat(ProcessorProgress.covers(replay, 11)).isFalse();
    }

    @Test
    void aReplayRespectsTheGapsOfItsCurrentToken() {
        TrackingToken replay = replayFrom10().advancedTo(gapAware(6, 4L));
        assertThat(replay).isInstanceOf(ReplayToken.class);
        assertThat(ProcessorProgress.covers(replay, 4)).isFalse();
        assertThat(ProcessorProgress.covers(replay, 3)).isTrue();
        assertThat(ProcessorProgress.covers(replay, 6)).isTrue();
    }

    @Test
    void aFinishedReplayIsAnOrdinaryTokenAgain() {
        TrackingToken done = replayFrom10().advancedTo(gapAware(12));
        assertThat(done).isNotInstanceOf(ReplayToken.class);
        assertThat(ProcessorProgress.covers(done, 12)).isTrue();
        assertThat(ProcessorProgress.covers(done, 13)).isFalse();
    }
}
