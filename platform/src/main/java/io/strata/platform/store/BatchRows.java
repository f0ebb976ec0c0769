package io.strata.platform.store;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The rows an event handler changes within one processor batch: each is read once, changed in memory by
 * every event of the batch (the contract's folds), and written once when the batch commits, inside its
 * transaction and with its token update. Reading and writing per event would double a replay's statements.
 * Safe because a processor's segment runs in one thread and events of one row share a segment, so no
 * other batch holds the same row. Used by query-service's projections and the webhook payload views.
 */
public final class BatchRows<R> {
    private final String name;
    private final Function<String, Optional<R>> read;
    private final Consumer<R> write;

    public BatchRows(String name, Function<String, Optional<R>> read, Consumer<R> write) {
        this.name = name;
        this.read = read;
        this.write = write;
    }

    /** Changes the row with this id (null when there is none yet); a null or unchanged result writes nothing. */
    public void change(String id, UnaryOperator<R> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            Slot<R> alone = new Slot<>(read.apply(id).orElse(null));
            alone.current = change.apply(alone.current);
            alone.writeIfChanged(write);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, Slot<R>> rows = unitOfWork.getOrComputeResource(name, key -> {
            Map<String, Slot<R>> batch = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> batch.values().forEach(slot -> slot.writeIfChanged(write)));
            return batch;
        });
        Slot<R> slot = rows.computeIfAbsent(id, i -> new Slot<>(read.apply(i).orElse(null)));
        slot.current = change.apply(slot.current);
    }

    /** The row as this batch has changed it so far, or as stored when the batch has not touched it. */
    public Optional<R> current(String id) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Slot<R>> rows = CurrentUnitOfWork.get().root().getResource(name);
            Slot<R> slot = rows == null ? null : rows.get(id);
            if (slot != null) {
                return Optional.ofNullable(slot.current);
            }
        }
        return read.apply(id);
    }

    private static final class Slot<R> {
        private final R original;
        private R current;

        Slot(R original) {
            this.original = original;
            this.current = original;
        }

        void writeIfChanged(Consumer<R> write) {
            if (current != null && !current.equals(original)) {
                write.accept(current);
            }
        }
    }
}
