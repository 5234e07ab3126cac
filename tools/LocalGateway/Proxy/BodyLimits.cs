using Microsoft.AspNetCore.Http;

namespace ImageCacheFunctions.LocalGateway.Proxy;

/// <summary>
/// What a function accepts as a request body, from its stack.yml environment, enforced by the
/// gateway while it streams the body on: at most <c>MAX_REQUEST_BODY_BYTES</c> (the template
/// host's limit; a chunked body over it is a 413, as the function itself would answer) within
/// of-watchdog's <c>read_timeout</c> (a body that stops arriving is a 408). The gateway answers
/// these itself, before the function sees a truncated body, instead of a 502.
/// </summary>
internal sealed record BodyLimits(long MaxBytes, TimeSpan ReadTimeout)
{
    /// <summary>The template host's default when MAX_REQUEST_BODY_BYTES is unset (template/csharp-isolated/README.md).</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>of-watchdog's default read_timeout.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromSeconds(10);

    public static BodyLimits Of(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var maxBytes = environment.TryGetValue("MAX_REQUEST_BODY_BYTES", out var text) && long.TryParse(text, out var bytes) && bytes > 0 ? bytes : DefaultMaxBytes;
        var readTimeout = environment.TryGetValue("read_timeout", out var timeout) && GoDuration.TryParse(timeout, out var duration) && duration > TimeSpan.Zero
            ? duration
            : DefaultReadTimeout;
        return new BodyLimits(maxBytes, readTimeout);
    }

    /// <summary>The status to answer when forwarding failed because the client's body broke a limit (Kestrel's or <see cref="BodyDeadlineStream"/>'s), else null.</summary>
    public static int? StatusOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge or StatusCodes.Status408RequestTimeout } bad)
            {
                return bad.StatusCode;
            }
        }

        return null;
    }
}
