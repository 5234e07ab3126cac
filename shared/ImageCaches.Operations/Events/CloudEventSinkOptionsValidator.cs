using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Events;

/// <summary>One message per wrong <see cref="CloudEventSinkOptions"/> setting, at start-up.</summary>
public sealed class CloudEventSinkOptionsValidator : IValidateOptions<CloudEventSinkOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudEventSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.SinkUrl is { } sink && (!sink.IsAbsoluteUri || (sink.Scheme != Uri.UriSchemeHttp && sink.Scheme != Uri.UriSchemeHttps)))
        {
            // The URL may carry a token: it is not echoed.
            failures.Add("CloudEvents:SinkUrl (environment CloudEvents__SinkUrl, or K_SINK) must be an absolute http or https URL.");
        }

        if (string.IsNullOrWhiteSpace(options.Source) || !Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _))
        {
            failures.Add($"CloudEvents:Source '{options.Source}' must be a URI reference such as /functions/reconcile-status.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"CloudEvents:Timeout '{options.Timeout}' must be greater than 0 and at most 00:01:00.");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            failures.Add($"CloudEvents:MaxAttempts '{options.MaxAttempts}' must be between 1 and 10.");
        }

        if (options.QueueCapacity is < 1 or > 100_000)
        {
            failures.Add($"CloudEvents:QueueCapacity '{options.QueueCapacity}' must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
