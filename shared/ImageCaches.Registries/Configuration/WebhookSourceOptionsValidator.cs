using System.Globalization;
using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Images;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// Checks one source as configured (the options name is the source name): one clear message per
/// wrong setting, each starting <c>Webhook source '&lt;name&gt;':</c>, never a secret value. The
/// secret file itself is read when the source is built (<see cref="WebhookSettingsLoader"/>).
/// </summary>
public sealed partial class WebhookSourceOptionsValidator : IValidateOptions<WebhookSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        name ??= Options.DefaultName;
        var prefix = $"Webhook source '{name}'";
        var errors = new List<string>();
        if (!SourceName().IsMatch(name))
        {
            errors.Add($"{prefix}: the name must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (it is used in ?source= and in event sources)");
        }

        WebhookSourceType? type = null;
        if (string.IsNullOrWhiteSpace(options.Type))
        {
            errors.Add($"{prefix}: type is missing; expected one of {WebhookSourceTypeNames.Known}");
        }
        else if (WebhookSourceTypeNames.TryParse(options.Type, out var parsed))
        {
            type = parsed;
        }
        else
        {
            errors.Add($"{prefix}: type '{options.Type}' is unknown; expected one of {WebhookSourceTypeNames.Known}");
        }

        if (options.Registry is { } registry && !IsRegistryHost(registry))
        {
            errors.Add($"{prefix}: registry '{registry}' is not a registry host[:port] (it needs a '.' or ':' or must be 'localhost')");
        }

        if (options.TimestampOffset is { } offsetText && !TryParseOffset(offsetText, out _))
        {
            errors.Add($"{prefix}: timestampOffset '{offsetText}' is not a UTC offset such as +08:00");
        }

        if (!TryParseLayout(options.RepositoryLayout, out var layout))
        {
            errors.Add($"{prefix}: repositoryLayout '{options.RepositoryLayout}' is unknown; expected repository-path, subdomain or port");
        }
        else if (layout == JfrogRepositoryLayout.Port && options.Registry is null)
        {
            errors.Add($"{prefix}: repositoryLayout port needs registry (the host:port that serves the repository)");
        }

        foreach (var alias in options.Aliases.Where(a => !IsRegistryHost(a)))
        {
            errors.Add($"{prefix}: alias '{alias}' is not a registry host[:port] (it needs a '.' or ':' or must be 'localhost')");
        }

        foreach (var (repositoryKey, targets) in options.RepositoryKeys)
        {
            foreach (var target in (targets ?? []).Where(t => !IsRepositoryPrefix(t)))
            {
                errors.Add($"{prefix}: repositoryKeys '{repositoryKey}' entry '{target}' is not host/path (e.g. mycompany.jfrog.io/docker)");
            }

            if (targets is null or { Count: 0 })
            {
                errors.Add($"{prefix}: repositoryKeys '{repositoryKey}' lists no host/path");
            }
        }

        if (options.AllowedRate is <= 0)
        {
            errors.Add($"{prefix}: allowedRate must be a positive number of requests per minute (leave it unset to grant any rate)");
        }

        if (options.AllowedOrigins.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}: allowedOrigins has an empty entry");
        }

        ValidateAuth(prefix, type, options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateAuth(string prefix, WebhookSourceType? type, WebhookSourceOptions options, List<string> errors)
    {
        var auth = options.Auth;
        var scheme = Scheme(auth);
        if (auth is null || scheme is "none")
        {
            if (!options.AllowUnauthenticated)
            {
                errors.Add(auth is null
                    ? $"{prefix}: auth is missing; configure auth (hmac-sha256, header, url-token or bearer with a secretFile), or set allowUnauthenticated: true to accept anyone"
                    : $"{prefix}: auth type none needs allowUnauthenticated: true");
            }

            return;
        }

        if (scheme == "jwt")
        {
            ValidateJwt(prefix, type, auth, errors);
            return;
        }

        if (scheme is not ("hmac-sha256" or "header" or "url-token" or "bearer"))
        {
            errors.Add(string.IsNullOrEmpty(scheme)
                ? $"{prefix}: auth.type is missing; expected hmac-sha256, header, url-token, bearer or none"
                : $"{prefix}: auth type '{auth.Type}' is unknown; expected hmac-sha256, header, url-token, bearer or none");
            return;
        }

        if (scheme == "hmac-sha256" && type is { } known && SignatureHeader(auth, known) is null)
        {
            errors.Add($"{prefix}: auth type hmac-sha256 needs header (the header the sender puts its signature in)");
        }

        if (string.IsNullOrWhiteSpace(auth.SecretFile))
        {
            errors.Add($"{prefix}: auth.secretFile is missing (secrets are read from files such as /var/openfaas/secrets/<name>, never written inline)");
        }
    }

    private static void ValidateJwt(string prefix, WebhookSourceType? type, WebhookAuthOptions auth, List<string> errors)
    {
        var issuers = Issuers(auth, type);
        if (issuers.Count == 0)
        {
            errors.Add($"{prefix}: auth type jwt needs issuer (e.g. https://login.microsoftonline.com/<tenant>/v2.0)");
        }

        if (string.IsNullOrWhiteSpace(auth.Audience))
        {
            errors.Add($"{prefix}: auth type jwt needs audience (the audience the sender puts in its tokens)");
        }

        if (OpenIdConfiguration(auth, issuers) is { } document
            && (!Uri.TryCreate(document, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            errors.Add($"{prefix}: auth openIdConfiguration '{document}' is not an https URL");
        }
    }

    /// <summary>The auth scheme in lower case, or null when there is no auth section.</summary>
    internal static string? Scheme(WebhookAuthOptions? auth) => auth?.Type?.Trim().ToLowerInvariant();

    /// <summary>The header an hmac-sha256 signature comes in: the configured one, else the sender's own, else null.</summary>
    internal static string? SignatureHeader(WebhookAuthOptions auth, WebhookSourceType type) =>
        auth.Header?.Trim() is { Length: > 0 } header
            ? header
            : type switch
            {
                WebhookSourceType.Ghcr => "X-Hub-Signature-256",
                WebhookSourceType.Jfrog => "X-JFrog-Event-Auth",
                _ => null,
            };

    /// <summary>Google's issuer of Pub/Sub push tokens, written both ways in its tokens.</summary>
    private static readonly string[] GoogleIssuers = ["https://accounts.google.com", "accounts.google.com"];

    internal static IReadOnlyList<string> Issuers(WebhookAuthOptions auth, WebhookSourceType? type) =>
        auth.Issuer is { Length: > 0 } issuer ? [issuer.Trim()] : type == WebhookSourceType.Gar ? GoogleIssuers : [];

    internal static string? OpenIdConfiguration(WebhookAuthOptions auth, IReadOnlyList<string> issuers) =>
        auth.OpenIdConfiguration ?? (issuers.Count > 0 ? issuers[0].TrimEnd('/') + "/.well-known/openid-configuration" : null);

    internal static bool TryParseLayout(string? text, out JfrogRepositoryLayout layout)
    {
        (var known, layout) = text?.Trim().ToLowerInvariant() switch
        {
            null or "repository-path" or "repositorypath" or "path" => (true, JfrogRepositoryLayout.RepositoryPath),
            "subdomain" or "sub-domain" => (true, JfrogRepositoryLayout.Subdomain),
            "port" => (true, JfrogRepositoryLayout.Port),
            _ => (false, JfrogRepositoryLayout.RepositoryPath),
        };
        return known;
    }

    internal static bool TryParseOffset(string text, out TimeSpan offset)
    {
        var trimmed = text.Trim();
        if (trimmed is "Z" or "z" or "UTC" or "utc")
        {
            offset = TimeSpan.Zero;
            return true;
        }

        var negative = trimmed.StartsWith('-');
        var unsigned = trimmed.TrimStart('+', '-');
        if (TimeSpan.TryParseExact(unsigned, @"hh\:mm", CultureInfo.InvariantCulture, out var parsed) && parsed <= TimeSpan.FromHours(14))
        {
            offset = negative ? -parsed : parsed;
            return true;
        }

        offset = default;
        return false;
    }

    private static bool IsRegistryHost(string host) => RegistryHost.IsValid(host) && RegistryHost.IsRecognisedAsRegistry(host);

    /// <summary>host/path, read as a reference without tag: the host must be one, the path a repository path.</summary>
    private static bool IsRepositoryPrefix(string? target) =>
        target?.Trim() is { Length: > 0 } text
        && text.IndexOf('/', StringComparison.Ordinal) is var slash and > 0
        && IsRegistryHost(text[..slash])
        && ImageReference.TryCreate(text[..slash], text[(slash + 1)..] + "/x", "latest", null, out _, out _);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SourceName();
}
