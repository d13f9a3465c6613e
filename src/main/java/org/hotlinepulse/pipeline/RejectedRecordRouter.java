package org.hotlinepulse.pipeline;

import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.monitoring.RecordSource;

/**
 * The first step after the source: passes on valid CDRs and sends every record that was
 * rejected while it was read (unparsable, or failing {@link CdrValidator}) to {@link #REJECTED}.
 */
public class RejectedRecordRouter extends ProcessFunction<InputRecord, InputRecord> {
    public static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected") {};

    private transient PipelineCounters counters;
    private transient LongMinimum firstRecordAt;

    @Override
    public void open(OpenContext openContext) {
        counters = new PipelineCounters(getRuntimeContext());
        firstRecordAt = new LongMinimum();
        getRuntimeContext().addAccumulator(PipelineCounters.FIRST_RECORD_AT, firstRecordAt);
    }

    @Override
    public void processElement(InputRecord record, Context ctx, Collector<InputRecord> out) {
        if (firstRecordAt.getLocalValuePrimitive() == Long.MAX_VALUE) {
            firstRecordAt.add(System.currentTimeMillis());
        }
        counters.read.add(1);
        String source = RecordSource.of(record);
        counters.readBySource.inc(source);
        if (!record.isRejected()) {
            out.collect(record);
            return;
        }
        counters.rejected.add(1);
        counters.rejectedBySource.inc(source);
        ctx.output(REJECTED, new DeadLetter(record.origin, record.position, record.rejectReason,
                record.rawRecord, record.payload));
    }
}
