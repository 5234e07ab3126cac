using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.Requests;

public sealed class WaitDurationTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1m30s", 90)]
    [InlineData("1.5m", 90)]
    [InlineData("1500ms", 1.5)]
    [InlineData("00:02:00", 120)]
    public void Parses_ci_style_durations(string text, double seconds)
    {
        Assert.True(WaitDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("5 minutes")]
    [InlineData("999999999")]
    [InlineData("1d")]
    public void Refuses_anything_else(string text) => Assert.False(WaitDuration.TryParse(text, out _));
}
