using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ImageCacheFunctions.Api.Tests.Support;

/// <summary>
/// A FakeTimeProvider that tells the test when code under test starts a delay, so the test can
/// change the world and then move time by exactly that delay: no sleeps, no races.
/// </summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _delays = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _delays.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The next delay started (waits for it; fails the test if none starts within a minute).</summary>
    public async Task<TimeSpan> NextDelayAsync() =>
        await _delays.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));

    public void Advance(TimeSpan by) => _fake.Advance(by);
}
