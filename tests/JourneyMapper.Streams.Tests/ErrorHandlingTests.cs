using System.Globalization;
using System.Text;
using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.Processors;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class ErrorHandlingTests
{
    private const string Dlq = "dlq";

    private static readonly Serde<long> StrictLong = Serdes.From(new DecimalTextSerializer(), new DecimalTextDeserializer());
    private static readonly Consumed<string, long> NumbersIn = Consumed.With(Serdes.String, StrictLong);
    private static readonly Produced<string, long> NumbersOut = Produced.With(Serdes.String, StrictLong);

    private static readonly string[] ErrorHeaderKeys =
    [
        DeadLetterHeaders.ErrorCode,
        DeadLetterHeaders.Message,
        DeadLetterHeaders.Exception,
        DeadLetterHeaders.StackTrace,
        DeadLetterHeaders.Topic,
        DeadLetterHeaders.Partition,
        DeadLetterHeaders.Offset,
    ];

    [Fact]
    public void UndeserializableValueGoesToTheDeadLetterQueueAsItsOriginalBytes()
    {
        using var driver = new TopologyTestDriver(PassThrough(), ContinueToDlq());

        driver.PipeRaw("in", Utf8("k1"), Utf8("1"), 10);
        driver.PipeRaw("in", Utf8("k2"), Utf8("one"), 20, TestSupport.Headers(("trace", "t-2")));
        driver.PipeRaw("in", Utf8("k3"), Utf8("3"), 30);

        Assert.Equal([("k1", 1L, 10L), ("k3", 3L, 30L)], Output(driver).ReadAll());
        var dead = Assert.Single(driver.BytesOutput(Dlq).ReadRecordsToList());
        Assert.Equal(Utf8("k2"), dead.Key);
        Assert.Equal(Utf8("one"), dead.Value);
        Assert.Equal(20, dead.Timestamp);
        Assert.Equal(["trace", .. ErrorHeaderKeys], dead.Headers.Select(header => header.Key));
        Assert.Equal("t-2", Header(dead, "trace"));
        Assert.Equal("deserialization-error", Header(dead, DeadLetterHeaders.ErrorCode));
        Assert.Equal("could not deserialize the record value: 'one' is not a decimal number", Header(dead, DeadLetterHeaders.Message));
        Assert.Equal(typeof(StreamsDeserializationException).FullName, Header(dead, DeadLetterHeaders.Exception));
        Assert.Contains(nameof(DecimalTextDeserializer), Header(dead, DeadLetterHeaders.StackTrace), StringComparison.Ordinal);
        Assert.Equal("in", Header(dead, DeadLetterHeaders.Topic));
        Assert.Equal("0", Header(dead, DeadLetterHeaders.Partition));
        Assert.Equal("1", Header(dead, DeadLetterHeaders.Offset));
    }

    [Fact]
    public void UndeserializableKeyIsDeadLetteredToo()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.Int64, Serdes.String)).To("out", Produced.With(Serdes.Int64, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build(), ContinueToDlq());

        // Three bytes cannot be a big-endian Int64.
        driver.PipeRaw("in", [1, 2, 3], Utf8("v"), 10);

        var dead = Assert.Single(driver.BytesOutput(Dlq).ReadRecordsToList());
        Assert.Equal([1, 2, 3], dead.Key);
        Assert.Equal(Utf8("v"), dead.Value);
        Assert.Equal("deserialization-error", Header(dead, DeadLetterHeaders.ErrorCode));
        Assert.StartsWith("could not deserialize the record key: ", Header(dead, DeadLetterHeaders.Message), StringComparison.Ordinal);
        Assert.Equal("0", Header(dead, DeadLetterHeaders.Offset));
        Assert.True(driver.BytesOutput("out").IsEmpty);
    }

    [Fact]
    public void ThrowingProcessorSendsTheSourceRecordToTheDeadLetterQueue()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", NumbersIn)
            .MapValues(value => value >= 0 ? value : throw new InvalidOperationException("negative amount"))
            .To("out", NumbersOut);
        using var driver = new TopologyTestDriver(builder.Build(), ContinueToDlq());
        var input = driver.CreateInputTopic("in", Serializers.Utf8, new DecimalTextSerializer());

        input.PipeInput("a", 1, 10);
        input.PipeInput("b", -5, 20, TestSupport.Headers(("trace", "t-b")));
        input.PipeInput("c", 2, 30);

        Assert.Equal([("a", 1L, 10L), ("c", 2L, 30L)], Output(driver).ReadAll());
        var dead = Assert.Single(driver.BytesOutput(Dlq).ReadRecordsToList());
        Assert.Equal(Utf8("b"), dead.Key);
        Assert.Equal(Utf8("-5"), dead.Value);
        Assert.Equal(20, dead.Timestamp);
        Assert.Equal(["trace", .. ErrorHeaderKeys], dead.Headers.Select(header => header.Key));
        Assert.Equal("processing-error", Header(dead, DeadLetterHeaders.ErrorCode));
        Assert.Equal("negative amount", Header(dead, DeadLetterHeaders.Message));
        Assert.Equal("System.InvalidOperationException", Header(dead, DeadLetterHeaders.Exception));
        Assert.Equal("in", Header(dead, DeadLetterHeaders.Topic));
        Assert.Equal("0", Header(dead, DeadLetterHeaders.Partition));
        Assert.Equal("1", Header(dead, DeadLetterHeaders.Offset));
    }

    [Fact]
    public void ProcessorRejectsARecordToTheDeadLetterQueueWithItsOwnReason()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.String))
            .Process(() => new RejectingProcessor("reject"))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build(), ContinueToDlq());
        var input = driver.StringInput("in");

        input.PipeInput("k1", "ok", 1);
        input.PipeInput("k2", "reject", 2, TestSupport.Headers(("trace", "t-2"), ("tenant", "acme")));
        input.PipeInput("k3", "ok", 3);

        Assert.Equal([("k1", "ok", 1L), ("k3", "ok", 3L)], driver.StringOutput("out").ReadAll());
        var dead = Assert.Single(driver.BytesOutput(Dlq).ReadRecordsToList());
        Assert.Equal(Utf8("k2"), dead.Key);
        Assert.Equal(Utf8("reject"), dead.Value);
        Assert.Equal(2, dead.Timestamp);
        // No exception was thrown, so there is no exception type or stack trace to report.
        Assert.Equal(
            [
                ("trace", "t-2"),
                ("tenant", "acme"),
                (DeadLetterHeaders.ErrorCode, "my-code"),
                (DeadLetterHeaders.Message, "why"),
                (DeadLetterHeaders.Topic, "in"),
                (DeadLetterHeaders.Partition, "0"),
                (DeadLetterHeaders.Offset, "1"),
            ],
            dead.Headers.Pairs());
    }

    [Fact]
    public void LogAndFailOnUndeserializableRecordThrowsAndWritesNothingForIt()
    {
        using var driver = new TopologyTestDriver(PassThrough(), TestSupport.Config(Dlq, TestSupport.Fail, TestSupport.Continue));

        var thrown = Assert.Throws<StreamsException>(() => driver.PipeRaw("in", Utf8("k"), Utf8("one"), 1));

        Assert.IsType<StreamsDeserializationException>(thrown.InnerException);
        Assert.True(Output(driver).IsEmpty);
        Assert.True(driver.BytesOutput(Dlq).IsEmpty);
    }

    [Fact]
    public void LogAndFailOnThrowingProcessorThrowsAndWritesNothingForIt()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", NumbersIn)
            .MapValues(long (_) => throw new InvalidOperationException("boom"))
            .To("out", NumbersOut);
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config(Dlq, TestSupport.Continue, TestSupport.Fail));

        var thrown = Assert.Throws<StreamsException>(() => driver.PipeRaw("in", Utf8("k"), Utf8("1"), 1));

        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(thrown.InnerException).Message);
        Assert.True(Output(driver).IsEmpty);
        Assert.True(driver.BytesOutput(Dlq).IsEmpty);
    }

    [Fact]
    public void WithoutDeadLetterQueueContinueSkipsBadRecordsWithoutWritingAnything()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", NumbersIn)
            .MapValues(value => value >= 0 ? value : throw new InvalidOperationException("negative amount"))
            .To("out", NumbersOut);
        var recorder = new RecordingCollector();
        var task = recorder.TaskFor(builder.Build(), TestSupport.Config(null, TestSupport.Continue, TestSupport.Continue));

        task.Process(RecordingCollector.Raw("in", 0, Utf8("k0"), Utf8("one")));
        task.Process(RecordingCollector.Raw("in", 1, Utf8("k1"), Utf8("-1")));
        task.Process(RecordingCollector.Raw("in", 2, Utf8("k2"), Utf8("2")));

        var sent = Assert.Single(recorder.Sent);
        Assert.Equal(("out", "k2", "2"), (sent.Topic, Text(sent.Key), Text(sent.Value)));
    }

    [Fact]
    public void WithoutDeadLetterQueueARejectionIsAProcessingErrorThatContinueSkips()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.String))
            .Process(() => new RejectingProcessor("reject"))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var recorder = new RecordingCollector();
        var handler = new RecordingHandler(ErrorHandlerResponse.Continue);
        var task = recorder.TaskFor(builder.Build(), TestSupport.Config(null, TestSupport.Fail, handler));

        task.Process(RecordingCollector.Raw("in", 0, Utf8("k0"), Utf8("reject")));
        task.Process(RecordingCollector.Raw("in", 1, Utf8("k1"), Utf8("ok")));

        var (context, exception) = Assert.Single(handler.Seen);
        Assert.Equal(new ErrorHandlerContext(new TaskId(0, 0), "in", 0, 0), context);
        Assert.IsType<InvalidOperationException>(exception);
        Assert.Contains("my-code: why", exception.Message, StringComparison.Ordinal);
        var sent = Assert.Single(recorder.Sent);
        Assert.Equal(("out", "k1", "ok"), (sent.Topic, Text(sent.Key), Text(sent.Value)));
    }

    [Fact]
    public void WithoutDeadLetterQueueARejectionUnderLogAndFailThrows()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.String))
            .Process(() => new RejectingProcessor("reject"))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config(null, TestSupport.Continue, TestSupport.Fail));

        var thrown = Assert.Throws<StreamsException>(() => driver.StringInput("in").PipeInput("k", "reject", 1));

        Assert.Contains("my-code: why", Assert.IsType<InvalidOperationException>(thrown.InnerException).Message, StringComparison.Ordinal);
        Assert.True(driver.StringOutput("out").IsEmpty);
    }

    [Fact]
    public void HandlersSeeWhereTheFailedRecordCameFrom()
    {
        var deserialization = new RecordingHandler(ErrorHandlerResponse.Continue);
        var processing = new RecordingHandler(ErrorHandlerResponse.Continue);
        var builder = new StreamBuilder();
        builder.Stream("in", NumbersIn)
            .MapValues(value => value >= 0 ? value : throw new InvalidOperationException("negative amount"))
            .To("out", NumbersOut);
        using var driver = new TopologyTestDriver(builder.Build(), TestSupport.Config(Dlq, deserialization, processing));

        driver.PipeRaw("in", Utf8("k0"), Utf8("0"), 1);
        driver.PipeRaw("in", Utf8("k1"), Utf8("one"), 2);
        driver.PipeRaw("in", Utf8("k2"), Utf8("-2"), 3);

        var (deserializationContext, deserializationError) = Assert.Single(deserialization.Seen);
        Assert.Equal(new ErrorHandlerContext(new TaskId(0, 0), "in", 0, 1), deserializationContext);
        Assert.Equal(MessageComponentType.Value, Assert.IsType<StreamsDeserializationException>(deserializationError).Component);
        var (processingContext, processingError) = Assert.Single(processing.Seen);
        Assert.Equal(new ErrorHandlerContext(new TaskId(0, 0), "in", 0, 2), processingContext);
        Assert.Equal("negative amount", processingError.Message);
        Assert.Equal(
            ["deserialization-error", "processing-error"],
            driver.BytesOutput(Dlq).ReadRecordsToList().Select(dead => Header(dead, DeadLetterHeaders.ErrorCode)));
    }

    private static StreamsConfig ContinueToDlq() => TestSupport.Config(Dlq, TestSupport.Continue, TestSupport.Continue);

    private static Topology PassThrough()
    {
        var builder = new StreamBuilder();
        builder.Stream("in", NumbersIn).To("out", NumbersOut);
        return builder.Build();
    }

    private static TestOutputTopic<string, long> Output(TopologyTestDriver driver) =>
        driver.CreateOutputTopic("out", Deserializers.Utf8, new DecimalTextDeserializer());

    private static byte[] Utf8(string text) => TestSupport.Utf8(text);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static string? Header<TKey, TValue>(TestRecord<TKey, TValue> record, string key) => DeadLetterHeaders.Get(record.Headers, key);

    /// <summary>A long written as decimal text, so a test can craft input that does not parse.</summary>
    private sealed class DecimalTextSerializer : ISerializer<long>
    {
        public byte[] Serialize(long data, SerializationContext context) =>
            Encoding.UTF8.GetBytes(data.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class DecimalTextDeserializer : IDeserializer<long>
    {
        public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            var text = Encoding.UTF8.GetString(data);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new FormatException($"'{text}' is not a decimal number");
        }
    }

    /// <summary>Dead-letters the records whose value is the given one and forwards the others.</summary>
    private sealed class RejectingProcessor(string rejectedValue) : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string>? _context;

        public void Init(IProcessorContext<string, string> context) => _context = context;

        public void Process(Record<string, string> record)
        {
            if (record.Value == rejectedValue)
            {
                _context!.SendToDeadLetterQueue("my-code", "why");
                return;
            }

            _context!.Forward(record);
        }
    }

    private sealed class RecordingHandler(ErrorHandlerResponse response) : IDeserializationExceptionHandler, IProcessingExceptionHandler
    {
        public List<(ErrorHandlerContext Context, Exception Exception)> Seen { get; } = [];

        public ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception)
        {
            Seen.Add((context, exception));
            return response;
        }
    }
}
