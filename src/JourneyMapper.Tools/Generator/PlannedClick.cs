using System.Runtime.InteropServices;

namespace JourneyMapper.Tools.Generator;

/// <summary>
/// One event of a planned session, held as a few numbers until it is due: a customer's next session is planned as
/// soon as the last one ends and then waits hours of event time, and held as ClickEvents with their strings, the
/// sessions of 200,000 customers would keep a gigabyte alive through every collection. <see cref="ClickRenderer"/>
/// makes the event when it is emitted; <see cref="ClickStep"/> says which values a step reads.
/// </summary>
// Auto layout packs the fields into 24 bytes instead of 32: every customer holds a session's worth of these.
[StructLayout(LayoutKind.Auto)]
internal readonly record struct PlannedClick(ClickStep Step, int Subject = 0, byte Option = 0, int Count = 0, int Cents = 0)
{
    /// <summary>Event time in epoch milliseconds, stamped by the session plan.</summary>
    public long Timestamp { get; init; }

    /// <summary>Email and support touchpoints happen outside the site, so they do not refer the next page.</summary>
    public bool IsTouchpoint => Step is ClickStep.EmailClick or ClickStep.ProductQuestion or ClickStep.SupportContact;
}
