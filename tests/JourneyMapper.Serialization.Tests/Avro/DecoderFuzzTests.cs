using System.Diagnostics;
using JourneyMapper.Serialization.Avro;
using Xunit;

namespace JourneyMapper.Serialization.Tests.Avro;

/// <summary>
/// Hostile input: random and mutated encodings must only ever raise AvroException, never hang, and never
/// allocate by a length or count the input cannot back.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int Iterations = 1_000_000;

    private const string FuzzEventJson = """
        {"type":"record","name":"FuzzEvent","namespace":"fuzz","fields":[
          {"name":"eventId","type":"string"},
          {"name":"timestamp","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"eventType","type":{"type":"enum","name":"EventType","symbols":["page_view","product_view","search","add_to_cart","purchase"]}},
          {"name":"userId","type":["null","string"],"default":null},
          {"name":"anonymousId","type":["null","string"],"default":null},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"score","type":"double"},
          {"name":"ratio","type":"float"},
          {"name":"flag","type":"boolean"},
          {"name":"id","type":{"type":"string","logicalType":"uuid"}},
          {"name":"price","type":["null",{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}]},
          {"name":"hash","type":{"type":"fixed","name":"Hash","size":8}},
          {"name":"payload","type":"bytes"},
          {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
            {"name":"sku","type":"string"},{"name":"qty","type":"int"},{"name":"marks","type":{"type":"array","items":"null"}}]}}},
          {"name":"properties","type":["null",{"type":"map","values":"string"}],"default":null},
          {"name":"next","type":["null","FuzzEvent"],"default":null}]}
        """;

    // A later version: drops fields (so they are skipped), promotes others, adds one with a default, and reads
    // the enum with a default symbol.
    private const string EvolvedJson = """
        {"type":"record","name":"FuzzEvent","namespace":"fuzz","fields":[
          {"name":"eventId","type":"string"},
          {"name":"timestamp","type":"long"},
          {"name":"eventType","type":{"type":"enum","name":"EventType","symbols":["other","page_view","purchase"],"default":"other"}},
          {"name":"userId","type":["null","string"],"default":null},
          {"name":"day","type":"long"},
          {"name":"ratio","type":"double"},
          {"name":"id","type":"bytes"},
          {"name":"properties","type":["null",{"type":"map","values":"bytes"}],"default":null},
          {"name":"channel","type":"string","default":"web"},
          {"name":"next","type":["null","FuzzEvent"],"default":null}]}
        """;

    private static readonly long[] EdgeValues =
    [
        0, 1, -1, 2, -2, 63, 64, -65, 127, 128, 1_000_000_000, -1_000_000_000, int.MaxValue, int.MinValue,
        (long)int.MaxValue + 1, long.MaxValue, long.MinValue, long.MaxValue / 2, 1L << 40,
    ];

    [Fact]
    public async Task AMillionMutatedInputsOnlyEverRaiseAvroException()
    {
        var writer = AvroSchema.Parse(FuzzEventJson);
        var evolved = AvroSchema.Parse(EvolvedJson);
        var sameSchema = GenericDatumReader.For(writer, writer);
        var resolving = GenericDatumReader.For(writer, evolved);

        var random = new Random(20241122);
        var seeds = new List<byte[]>();
        for (int i = 0; i < 64; i++)
        {
            byte[] seed = GenericDatumWriter.For(writer).Serialize(RandomEvent((RecordSchema)writer, random, depth: 0));
            Assert.NotNull(sameSchema.Read(seed));
            Assert.NotNull(resolving.Read(seed));
            seeds.Add(seed);
        }

        var failures = new List<string>();
        int decoded = 0;
        var stopwatch = Stopwatch.StartNew();
        var run = Task.Factory.StartNew(
            () =>
            {
                var buffer = new byte[4096];
                for (int i = 0; i < Iterations; i++)
                {
                    int length = Mutate(seeds[random.Next(seeds.Count)], buffer, random);
                    var input = buffer.AsSpan(0, length);
                    try
                    {
                        (i % 2 == 0 ? sameSchema : resolving).Read(input);
                        decoded++;
                    }
                    catch (AvroException)
                    {
                    }
#pragma warning disable CA1031 // The point is to catch whatever else escapes and report it.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        if (failures.Count < 5)
                        {
                            failures.Add($"{e.GetType().Name}: {e.Message} on {TestSchemas.Hex(input)}");
                        }
                    }
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(50)));
        Assert.True(ReferenceEquals(finished, run), $"the fuzz run did not finish in 50 s (hang?); {stopwatch.Elapsed} so far");
        await run;
        Assert.Empty(failures);

        // Some mutations (a flipped bit in a string) still decode: the run exercised both outcomes.
        Assert.InRange(decoded, 1, Iterations - 1);
    }

    [Fact]
    public void PurelyRandomBytesOnlyEverRaiseAvroException()
    {
        var random = new Random(7);
        var schemas = new[] { TestSchemas.ClickEvent, AvroSchema.Parse(FuzzEventJson) };
        var buffer = new byte[64];
        for (int i = 0; i < 100_000; i++)
        {
            int length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, length));
            var schema = schemas[i % 2];
            try
            {
                GenericDatumReader.For(schema, schema).Read(buffer.AsSpan(0, length));
            }
            catch (AvroException)
            {
            }
        }
    }

    public static TheoryData<string, string> HugeClaims => new()
    {
        // eventId claims a 1 GB string.
        { TestSchemas.ClickEventJson, "80a8d6b907 0102030405060708090a0b0c0d0e0f" },

        // A bytes value claiming long.MaxValue.
        { """{"type":"record","name":"B","fields":[{"name":"b","type":"bytes"}]}""", "feffffffffffffffff01 0102030405060708090a" },

        // An array claiming a billion longs, in a plain block and in a sized block.
        { """{"type":"array","items":"long"}""", "80a8d6b907 0102030405060708090a0b0c0d0e0f" },
        { """{"type":"array","items":"long"}""", "ffa7d6b907 80a8d6b907 0102030405060708090a" },

        // A map claiming a billion entries.
        { """{"type":"map","values":"string"}""", "80a8d6b907 0102030405060708090a0b0c0d0e0f" },

        // An array claiming a billion nulls (zero bytes each, so only the item budget stops it).
        { """{"type":"array","items":"null"}""", "80a8d6b907 0102030405060708090a0b0c0d0e0f" },

        // A fixed of a billion bytes with 20 to read.
        { """{"type":"fixed","name":"Huge","size":1000000000}""", "0102030405060708090a0b0c0d0e0f1011121314" },
    };

    [Theory]
    [MemberData(nameof(HugeClaims))]
    public void AClaimedLengthBeyondTheInputThrowsBeforeAllocating(string schemaJson, string hex)
    {
        var schema = AvroSchema.Parse(schemaJson);
        var reader = GenericDatumReader.For(schema, schema);
        byte[] input = TestSchemas.Hex(hex);
        Assert.Equal(20, input.Length);

        // Warm up: the first throw loads what exception handling needs.
        Assert.Throws<AvroException>(() => reader.Read(input));

        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            reader.Read(input);
            Assert.Fail("the claim cannot be met");
        }
        catch (AvroException)
        {
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000, $"decoding 20 bytes allocated {allocated} bytes");
    }

    private static int Mutate(byte[] seed, byte[] buffer, Random random)
    {
        int length = seed.Length;
        seed.CopyTo(buffer, 0);
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.Next(9))
            {
                case 0: // flip a few bits
                    for (int i = 1 + random.Next(3); i > 0 && length > 0; i--)
                    {
                        buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncate
                    length = random.Next(length + 1);
                    break;
                case 2: // insert an edge-case varint, such as a huge length or a negative count
                    length = Insert(buffer, length, random.Next(length + 1), Varint(EdgeValues[random.Next(EdgeValues.Length)], random));
                    break;
                case 3: // overwrite one byte
                    if (length > 0)
                    {
                        buffer[random.Next(length)] = (byte)random.Next(256);
                    }

                    break;
                case 4: // overwrite a run with random bytes
                    if (length > 0)
                    {
                        int start = random.Next(length);
                        random.NextBytes(buffer.AsSpan(start, Math.Min(length - start, 1 + random.Next(16))));
                    }

                    break;
                case 5: // replace everything with random bytes
                    length = random.Next(300);
                    random.NextBytes(buffer.AsSpan(0, length));
                    break;
                case 6: // duplicate a chunk
                    if (length > 0 && length < buffer.Length / 2)
                    {
                        int start = random.Next(length);
                        int count = Math.Min(length - start, 1 + random.Next(32));
                        length = Insert(buffer, length, random.Next(length + 1), buffer.AsSpan(start, count).ToArray());
                    }

                    break;
                case 7: // delete a chunk
                    if (length > 0)
                    {
                        int start = random.Next(length);
                        int count = Math.Min(length - start, 1 + random.Next(16));
                        buffer.AsSpan(start + count, length - start - count).CopyTo(buffer.AsSpan(start));
                        length -= count;
                    }

                    break;
                default: // a run of continuation bytes: an endless varint
                    length = Insert(buffer, length, random.Next(length + 1), Enumerable.Repeat((byte)0xFF, 8 + random.Next(8)).ToArray());
                    break;
            }
        }

        return length;
    }

    private static int Insert(byte[] buffer, int length, int at, byte[] bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            return length;
        }

        buffer.AsSpan(at, length - at).CopyTo(buffer.AsSpan(at + bytes.Length));
        bytes.CopyTo(buffer, at);
        return length + bytes.Length;
    }

    private static byte[] Varint(long value, Random random)
    {
        using var writer = new AvroWriter();
        writer.WriteLong(random.Next(2) == 0 ? value : -value);
        return writer.ToArray();
    }

    private static GenericRecord RandomEvent(RecordSchema schema, Random random, int depth)
    {
        var itemSchema = (RecordSchema)((ArraySchema)schema.GetField("items")!.Schema).Items;
        var hashSchema = (FixedSchema)schema.GetField("hash")!.Schema;
        var items = new List<object?>();
        for (int i = random.Next(4); i > 0; i--)
        {
            var marks = new List<object?>();
            for (int j = random.Next(3); j > 0; j--)
            {
                marks.Add(null);
            }

            items.Add(new GenericRecord(itemSchema) { ["sku"] = "sku-" + random.Next(100_000), ["qty"] = random.Next(-5, 50), ["marks"] = marks });
        }

        var hash = new byte[8];
        random.NextBytes(hash);
        var payload = new byte[random.Next(24)];
        random.NextBytes(payload);
        Dictionary<string, object?>? properties = random.Next(2) == 0 ? null : new Dictionary<string, object?>
        {
            ["currency"] = "EUR",
            ["price"] = random.Next(10_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["note"] = "ünïcode ✓",
        };

        return new GenericRecord(schema)
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["timestamp"] = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + random.NextInt64(100_000_000_000)),
            ["eventType"] = new[] { "page_view", "product_view", "search", "add_to_cart", "purchase" }[random.Next(5)],
            ["userId"] = random.Next(2) == 0 ? null : "user-" + random.Next(1000),
            ["anonymousId"] = random.Next(2) == 0 ? null : "anon-" + random.Next(1000),
            ["day"] = new DateOnly(2024, 1, 1).AddDays(random.Next(365)),
            ["score"] = random.NextDouble() * 100,
            ["ratio"] = (float)random.NextDouble(),
            ["flag"] = random.Next(2) == 0,
            ["id"] = Guid.NewGuid(),
            ["price"] = random.Next(2) == 0 ? null : new AvroDecimal(random.Next(1_000_000), 2),
            ["hash"] = new GenericFixed(hashSchema, hash),
            ["payload"] = payload,
            ["items"] = items,
            ["properties"] = properties,
            ["next"] = depth < 2 && random.Next(3) == 0 ? RandomEvent(schema, random, depth + 1) : null,
        };
    }
}
