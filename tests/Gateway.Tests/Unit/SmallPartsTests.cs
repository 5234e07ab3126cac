using ImageCacheFunctions.LocalGateway.Bench;
using ImageCacheFunctions.LocalGateway.Proxy;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("120s", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("30", 30_000)]
    public void Reads_watchdog_timeouts_as_go_durations(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10 s")]
    [InlineData("-5")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var samples = new LatencySamples();
        foreach (var ms in Enumerable.Range(1, 100))
        {
            samples.Add(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(50, samples.Median);
        Assert.Equal(99, samples.Percentile(99));
        Assert.Equal(100, samples.Percentile(100));
        Assert.Equal(1, samples.Min);
    }
}
