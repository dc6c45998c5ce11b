using Confluent.Kafka;
using JourneyMapper.Streams.Errors;
using JourneyMapper.Streams.Mock;
using JourneyMapper.Streams.SerDes;
using JourneyMapper.Streams.Stream;
using Xunit;

namespace JourneyMapper.Streams.Tests;

/// <summary>StreamsConfig.ErrorCodeOf: a serde's own reason becomes the dead letter's error code.</summary>
public sealed class DeserializationErrorCodeTests
{
    [Fact]
    public void TheHookGetsTheDeserializersOwnExceptionAndItsCodeBecomesTheHeader()
    {
        var seen = new List<Exception>();
        using var driver = Driver(new CodedDeserializer(), exception =>
        {
            seen.Add(exception);
            return exception is CodedException coded ? coded.Code : null;
        });

        driver.PipeRaw("in", null, TestSupport.Utf8("!unknown-schema-id"), 1);

        var deadLetter = driver.BytesOutput("dlq").ReadRecord();
        Assert.Equal("unknown-schema-id", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.ErrorCode));
        Assert.Equal("could not deserialize the record value: coded failure", DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.Message));
        Assert.Equal(typeof(StreamsDeserializationException).FullName, DeadLetterHeaders.Get(deadLetter.Headers, DeadLetterHeaders.Exception));
        Assert.Equal(TestSupport.Utf8("!unknown-schema-id"), deadLetter.Value);
        Assert.IsType<CodedException>(Assert.Single(seen));
    }

    [Theory]
    [InlineData("!")]
    [InlineData("!   ")]
    public void ANullOrBlankCodeFallsBackToDeserializationError(string value)
    {
        using var driver = Driver(new CodedDeserializer(), exception => exception is CodedException coded ? coded.Code : null);

        driver.PipeRaw("in", null, TestSupport.Utf8(value), 1);

        Assert.Equal("deserialization-error", DeadLetterHeaders.Get(driver.BytesOutput("dlq").ReadRecord().Headers, DeadLetterHeaders.ErrorCode));
    }

    [Fact]
    public void WithoutAHookTheCodeIsDeserializationError()
    {
        using var driver = Driver(new CodedDeserializer(), errorCodeOf: null);

        driver.PipeRaw("in", null, TestSupport.Utf8("!unknown-magic-byte"), 1);

        Assert.Equal("deserialization-error", DeadLetterHeaders.Get(driver.BytesOutput("dlq").ReadRecord().Headers, DeadLetterHeaders.ErrorCode));
    }

    [Fact]
    public void TheHookDoesNotTouchProcessingErrorsOrRecordsThatRead()
    {
        var calls = 0;
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, new Serde<string>(Serializers.Utf8, new CodedDeserializer())))
            .MapValues(value => value == "boom" ? throw new InvalidOperationException("boom") : value)
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var config = TestSupport.Config("dlq", TestSupport.Continue, TestSupport.Continue) with
        {
            ErrorCodeOf = _ =>
            {
                calls++;
                return "never";
            },
        };
        using var driver = new TopologyTestDriver(builder.Build(), config);

        driver.PipeRaw("in", null, TestSupport.Utf8("fine"), 1);
        driver.PipeRaw("in", null, TestSupport.Utf8("boom"), 2);

        Assert.Equal(["fine"], driver.StringOutput("out").ReadRecordsToList().Select(record => record.Value));
        Assert.Equal("processing-error", DeadLetterHeaders.Get(driver.BytesOutput("dlq").ReadRecord().Headers, DeadLetterHeaders.ErrorCode));
        Assert.Equal(0, calls);
    }

    private static TopologyTestDriver Driver(IDeserializer<string> deserializer, Func<Exception, string?>? errorCodeOf)
    {
        var builder = new StreamBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, new Serde<string>(Serializers.Utf8, deserializer)))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var config = TestSupport.Config("dlq", TestSupport.Continue, TestSupport.Continue) with { ErrorCodeOf = errorCodeOf };
        return new TopologyTestDriver(builder.Build(), config);
    }

    /// <summary>Values starting with '!' fail with the rest of the value as the code (blank: none).</summary>
    private sealed class CodedDeserializer : IDeserializer<string>
    {
        public string Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
        {
            var text = Deserializers.Utf8.Deserialize(data, isNull, context);
            return text.StartsWith('!') ? throw new CodedException(text[1..].Length == 0 ? null : text[1..]) : text;
        }
    }

    private sealed class CodedException(string? code) : Exception("coded failure")
    {
        public string? Code { get; } = code;
    }
}
