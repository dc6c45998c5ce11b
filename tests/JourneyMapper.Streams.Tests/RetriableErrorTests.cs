using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

public sealed class RetriableErrorTests
{
    [Fact]
    public void APassingDeserializationFailureIsRetriedNotDeadLettered()
    {
        var deserializer = new FlakyDeserializer(failures: 1, new KafkaRetriableException(new Error(ErrorCode.Local_Transport, "registry down")));
        using var driver = Driver(deserializer, static _ => false);

        var retry = Assert.Throws<RetriableRecordException>(() => driver.PipeRaw("in", null, TestSupport.Utf8("v1"), 1));

        Assert.Equal(("in", 0, 0L), (retry.Topic, retry.Partition, retry.Offset));
        Assert.True(driver.BytesOutput("dlq").IsEmpty);
        driver.PipeRaw("in", null, TestSupport.Utf8("v1"), 1);
        Assert.Equal(["v1"], driver.StringOutput("out").ReadRecordsToList().Select(record => record.Value));
    }

    [Fact]
    public void TheConfiguredPredicateDecidesWhatIsPassing()
    {
        var deserializer = new FlakyDeserializer(failures: 1, new TimeoutException("slow registry"));
        using var driver = Driver(deserializer, static exception => exception is TimeoutException);

        Assert.Throws<RetriableRecordException>(() => driver.PipeRaw("in", null, TestSupport.Utf8("v1"), 1));
    }

    [Fact]
    public void OtherDeserializationFailuresStillGoToTheDeadLetterQueue()
    {
        var deserializer = new FlakyDeserializer(failures: 1, new FormatException("not a record"));
        using var driver = Driver(deserializer, static exception => exception is TimeoutException);

        driver.PipeRaw("in", null, TestSupport.Utf8("v1"), 1);

        var deadLetter = driver.BytesOutput("dlq").ReadRecord();
        Assert.Equal("deserialization-error", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.ErrorCode));
    }

    private static TopologyTestDriver Driver(FlakyDeserializer deserializer, Func<Exception, bool>? isRetriable)
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, new Serde<string>(Serializers.Utf8, deserializer)))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var config = TestSupport.Config("dlq", TestSupport.Continue, TestSupport.Continue);
        if (isRetriable is not null)
        {
            config = config with { IsRetriable = exception => exception is KafkaRetriableException || isRetriable(exception) };
        }

        return new TopologyTestDriver(builder.Build(), config);
    }

    /// <summary>Fails the first <paramref name="failures"/> calls, then decodes UTF-8.</summary>
    private sealed class FlakyDeserializer(int failures, Exception failure) : IDeserializer<string>
    {
        private int _calls;

        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            ++_calls <= failures ? throw failure : Deserializers.Utf8.Deserialize(data, isNull, context);
    }
}
