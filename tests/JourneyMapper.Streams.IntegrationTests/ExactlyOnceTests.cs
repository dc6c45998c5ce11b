using System.Collections.Concurrent;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using JourneyMapper.Tools.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace JourneyMapper.Streams.IntegrationTests;

/// <summary>
/// exactly_once_v2 against librdkafka's mock cluster. The mock runs the transactional protocol (InitProducerId,
/// AddPartitionsToTxn, EndTxn) but writes no transaction markers and answers Fetch with LastStableOffset = high
/// watermark and no aborted-transaction list, so a read_committed consumer sees whatever reached the log. What a
/// transaction did is therefore checked on the producer's side, from librdkafka's "eos" debug log.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const string Input = "eos-in";
    private const string Output = "eos-out";
    private const string Poison = "poison";
    private const long T0 = 1_767_225_600_000;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private static Topology MapTopology()
    {
        var builder = new StreamBuilder();
        builder.Stream(Input, Consumed.With(Serdes.String, Serdes.String))
            .MapValues(value => value == Poison ? throw new InvalidOperationException("poison record") : value.ToUpperInvariant())
            .To(Output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    // A commit interval far beyond the test: the only commits are the ones the test causes (close), so output
    // sent before that sits in an open transaction.
    private static StreamsConfig Config(EmbeddedKafkaCluster cluster, string applicationId) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = cluster.BootstrapServers,
        ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
        CommitInterval = TimeSpan.FromMinutes(5),
        ProcessingExceptionHandler = new LogAndFailExceptionHandler(NullLogger<LogAndFailExceptionHandler>.Instance),
        ConsumerProperties = new Dictionary<string, string> { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "1000" },
        ProducerProperties = new Dictionary<string, string> { ["debug"] = "eos" },
    };

    private static EmbeddedKafkaCluster StartCluster()
    {
        var cluster = EmbeddedKafkaCluster.Start(brokers: 3);
        // One partition each: the good records and the poison go through one task, in order.
        cluster.CreateTopic(Input, 1);
        cluster.CreateTopic(Output, 1);
        return cluster;
    }

    [Fact(Timeout = 60_000)]
    public async Task APoisonRecordFailsTheThreadWhichAbortsTheOpenTransactionHoldingTheGoodRecordsOutput()
    {
        using var cluster = StartCluster();
        using var producer = KafkaIo.Producer(cluster);
        var log = new CapturingLoggerFactory();
        var states = new ConcurrentQueue<KafkaStreamsState>();
        var streams = new KafkaStreams(MapTopology(), Config(cluster, "eos-poison"), log);
        streams.StateChanged += (next, _) => states.Enqueue(next);
        try
        {
            streams.Start();
            await KafkaIo.WaitUntilAsync(() => streams.State == KafkaStreamsState.Running, StepTimeout, () => $"state {streams.State}");

            var good = Enumerable.Range(0, 5).Select(i => ($"k{i}", $"good-{i}", T0 + i)).ToList();
            await KafkaIo.ProduceAsync(producer, Input, good);

            // The good records' output reaches the broker inside the open transaction; only then the poison comes.
            await KafkaIo.WaitUntilAsync(
                () => ReadAll(cluster, IsolationLevel.ReadUncommitted).Records.Count == good.Count, StepTimeout,
                () => $"{ReadAll(cluster, IsolationLevel.ReadUncommitted).Records.Count} of {good.Count} outputs written");
            Assert.Empty(log.Messages("Transactional API called: commit_transaction"));
            await KafkaIo.ProduceAsync(producer, Input, [("k-poison", Poison, T0 + 100)]);

            var failure = await Assert.ThrowsAsync<StreamsException>(() => streams.Completion.WaitAsync(StepTimeout));
            Assert.IsType<InvalidOperationException>(failure.InnerException);
            Assert.Equal("poison record", failure.InnerException!.Message);
            Assert.Equal(KafkaStreamsState.Error, streams.State);
            Assert.Equal([KafkaStreamsState.Rebalancing, KafkaStreamsState.Running, KafkaStreamsState.Error], states);
            Assert.Single(log.Messages("failed and stopped"));

            // The five outputs were written (read_uncommitted) ...
            var written = ReadAll(cluster, IsolationLevel.ReadUncommitted);
            Assert.Equal(
                good.Select(g => (g.Item1, g.Item2.ToUpperInvariant())),
                written.Records.Select(r => (r.Message.Key!, r.Message.Value!)));

            // ... in a transaction the failing thread aborted (EndTxn(abort) acknowledged by the coordinator) and
            // never committed: neither a commit nor the input offsets were sent.
            Assert.Single(log.Messages("Transactional API called: abort_transaction"));
            Assert.Single(log.Messages("EndTxn returned NO_ERROR in state AbortingTransaction"));
            Assert.Single(log.Messages("Transaction successfully aborted"));
            Assert.Empty(log.Messages("Transactional API called: commit_transaction"));
            Assert.Empty(log.Messages("Transactional API called: send_offsets_to_transaction"));

            var readCommitted = ReadAll(cluster, IsolationLevel.ReadCommitted);
            var highWatermark = HighWatermark(cluster);
            if (highWatermark > good.Count)
            {
                // A broker that writes the abort marker: read_committed skips the aborted records and reads past it.
                Assert.Empty(readCommitted.Records);
                Assert.Equal(highWatermark, readCommitted.Positions[0]);
            }
            else
            {
                // The mock: no marker was written, so read_committed cannot tell the aborted records apart.
                Assert.Equal(written.Records.Select(r => r.Offset.Value), readCommitted.Records.Select(r => r.Offset.Value));
            }
        }
        finally
        {
            await streams.CloseAsync().WaitAsync(StepTimeout);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task CloseCommitsTheOpenTransactionAndReadCommittedSeesEveryOutputOnce()
    {
        using var cluster = StartCluster();
        using var producer = KafkaIo.Producer(cluster);
        var log = new CapturingLoggerFactory();
        var streams = new KafkaStreams(MapTopology(), Config(cluster, "eos-happy"), log);
        var input = Enumerable.Range(0, 20).Select(i => ($"k{i % 4}", $"value-{i}", T0 + i)).ToList();
        var expected = input.Select(i => (i.Item1, i.Item2.ToUpperInvariant())).ToList();
        try
        {
            streams.Start();
            await KafkaIo.ProduceAsync(producer, Input, input);
            await KafkaIo.WaitUntilAsync(
                () => ReadAll(cluster, IsolationLevel.ReadUncommitted).Records.Count == input.Count, StepTimeout,
                () => $"{ReadAll(cluster, IsolationLevel.ReadUncommitted).Records.Count} of {input.Count} outputs written");

            // Written inside the open transaction: the commit interval has not come round.
            Assert.Empty(log.Messages("Transactional API called: commit_transaction"));

            await streams.CloseAsync().WaitAsync(StepTimeout);
            await streams.Completion.WaitAsync(StepTimeout);
            Assert.Equal(KafkaStreamsState.NotRunning, streams.State);

            // Close committed that transaction together with the input offsets, and aborted nothing ...
            Assert.Single(log.Messages("Transactional API called: send_offsets_to_transaction"));
            Assert.NotEmpty(log.Messages("EndTxn returned NO_ERROR in state CommittingTransaction"));
            Assert.Empty(log.Messages("Transactional API called: abort_transaction"));

            // ... and a read_committed consumer sees every output exactly once, in order.
            var committed = ReadAll(cluster, IsolationLevel.ReadCommitted);
            Assert.Equal(expected, committed.Records.Select(r => (r.Message.Key!, r.Message.Value!)));
        }
        finally
        {
            await streams.CloseAsync().WaitAsync(StepTimeout);
        }
    }

    private static (IReadOnlyList<ConsumeResult<string?, string?>> Records, IReadOnlyDictionary<int, long> Positions) ReadAll(
        EmbeddedKafkaCluster cluster, IsolationLevel isolation) =>
        KafkaIo.ReadAll(cluster, Output, 1, isolation, toHighWatermark: false, StepTimeout);

    private static long HighWatermark(EmbeddedKafkaCluster cluster)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "watermarks" })
            .SetLogHandler(static (_, _) => { })
            .Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(Output, 0), TimeSpan.FromSeconds(10)).High.Value;
    }
}
