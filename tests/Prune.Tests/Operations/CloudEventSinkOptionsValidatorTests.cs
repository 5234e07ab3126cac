using ImageCacheFunctions.ImageCaches.Operations.Events;

namespace ImageCacheFunctions.Prune.Tests.Operations;

public sealed class CloudEventSinkOptionsValidatorTests
{
    [Fact]
    public void Each_wrong_setting_has_its_own_message_and_the_sink_url_is_not_repeated()
    {
        var result = new CloudEventSinkOptionsValidator().Validate(null, new CloudEventSinkOptions
        {
            SinkUrl = new Uri("ftp://sink.example.com/token-123"),
            Timeout = TimeSpan.Zero,
            MaxAttempts = 0,
            QueueCapacity = 0,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var key in new[] { "CloudEvents:SinkUrl", "CloudEvents:Timeout", "CloudEvents:MaxAttempts", "CloudEvents:QueueCapacity" })
        {
            Assert.Single(failures, f => f.StartsWith(key + " ", StringComparison.Ordinal));
        }

        // The sink URL may carry a token.
        Assert.DoesNotContain(failures, f => f.Contains("token-123", StringComparison.Ordinal));
    }
}
