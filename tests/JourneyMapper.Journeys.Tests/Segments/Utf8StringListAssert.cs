using System.Text;
using JourneyMapper.Serialization.Records;
using Xunit;

namespace JourneyMapper.Journeys.Tests.Segments;

internal static class Utf8StringListAssert
{
    /// <summary>Each item of <paramref name="list"/> copies as the UTF-8 of <paramref name="expected"/>'s item, and not at all one byte short of it.</summary>
    public static void CopiesAsTheUtf8Of(IReadOnlyList<string> expected, IUtf8StringList list)
    {
        Assert.Equal(expected.Count, list.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var utf8 = Encoding.UTF8.GetBytes(expected[i]);
            var room = new byte[utf8.Length + 3];

            Assert.True(list.TryCopyUtf8(i, room, out var written));
            Assert.Equal(utf8, room[..written]);
            Assert.False(list.TryCopyUtf8(i, new byte[utf8.Length - 1], out _));
        }
    }
}
