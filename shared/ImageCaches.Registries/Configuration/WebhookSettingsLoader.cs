using System.Globalization;
using System.Text.RegularExpressions;
using ImageCacheFunctions.ImageCaches.Images;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// Reads the webhook configuration (a YAML or JSON sources file and/or configuration keys
/// under <c>Webhook:</c>), validates it and loads the secrets. Every problem is reported at
/// start-up, all at once, one line each, without any secret value.
/// </summary>
public static partial class WebhookSettingsLoader
{
    /// <summary>Largest body limit that can be configured.</summary>
    public const long MaxConfigurableBodyBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Loads the settings from flat configuration pairs, e.g. <c>IConfiguration.AsEnumerable()</c>
    /// or environment variables (<c>Webhook__Sources__hub__Type=dockerhub</c>); a
    /// <c>Webhook:SourcesFile</c> key adds the sources of that file.
    /// </summary>
    public static WebhookSettings LoadFromConfiguration(IEnumerable<KeyValuePair<string, string?>> configuration, string section = WebhookOptions.SectionName) =>
        Load(FromConfiguration(configuration, section));

    /// <summary>Loads the settings from a YAML or JSON sources file.</summary>
    public static WebhookSettings LoadFile(string path) => Load(new WebhookOptions { SourcesFile = path });

    /// <summary>
    /// Validates options, merges their <see cref="WebhookOptions.SourcesFile"/>, reads the secret
    /// files. Sources are loaded one by one: a source with a problem (a missing secret file, an
    /// unknown type…) is listed in <see cref="WebhookSettings.Broken"/> with the reason and the
    /// others load. What concerns every source (an unreadable or malformed sources file, the body
    /// limit) throws <see cref="WebhookConfigurationException"/>.
    /// </summary>
    public static WebhookSettings Load(WebhookOptions options, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var files = new List<string>();
        var sources = new List<(string Name, WebhookSourceOptions Options, string? BaseDirectory)>();
        foreach (var (name, source) in options.Sources)
        {
            sources.Add((name, source, baseDirectory));
        }

        var maxBodyBytes = options.MaxBodyBytes;
        if (!string.IsNullOrWhiteSpace(options.SourcesFile))
        {
            var path = Path.GetFullPath(options.SourcesFile, baseDirectory ?? Directory.GetCurrentDirectory());
            files.Add(path);
            try
            {
                var fromFile = ReadFile(path);
                maxBodyBytes ??= fromFile.MaxBodyBytes;
                foreach (var (name, source) in fromFile.Sources)
                {
                    if (sources.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        errors.Add($"Webhook source '{name}' is defined both in configuration and in '{path}'");
                        continue;
                    }

                    sources.Add((name, source, Path.GetDirectoryName(path)));
                }
            }
            catch (WebhookConfigurationException e)
            {
                errors.Add(e.Message);
            }
        }

        var limit = maxBodyBytes ?? WebhookOptions.DefaultMaxBodyBytes;
        if (limit < 1 || limit > MaxConfigurableBodyBytes)
        {
            errors.Add($"Webhook:MaxBodyBytes is {limit}; it must be between 1 and {MaxConfigurableBodyBytes}");
        }

        if (errors.Count > 0)
        {
            throw new WebhookConfigurationException(
                "Invalid webhook configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        var validated = new List<WebhookSource>();
        var broken = new List<BrokenSource>();
        foreach (var (name, source, directory) in sources)
        {
            if (source.Auth?.SecretFile is { Length: > 0 } secretFile)
            {
                files.Add(Path.GetFullPath(secretFile, directory ?? Directory.GetCurrentDirectory()));
            }

            var problems = new List<string>();
            if (Validate(name, source, directory, problems) is { } valid)
            {
                validated.Add(valid);
            }
            else
            {
                WebhookSourceType? type = WebhookSourceTypeNames.TryParse(source.Type, out var parsed) ? parsed : null;
                broken.Add(new BrokenSource(name, type, string.Join("; ", problems)));
            }
        }

        return new WebhookSettings(validated, limit) { Broken = broken, Files = files.Distinct(StringComparer.Ordinal).ToList() };
    }

    /// <summary>Reads a YAML or JSON sources file (JSON is YAML) without validating it.</summary>
    public static WebhookOptions ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WebhookConfigurationException($"webhook sources file '{path}' cannot be read: {e.Message}");
        }

        return ParseYaml(text, path);
    }

    /// <summary>Parses sources YAML or JSON (<c>maxBodyBytes</c>, <c>sources: {name: {…}}</c>).</summary>
    public static WebhookOptions ParseYaml(string text, string origin = "webhook sources")
    {
        ArgumentNullException.ThrowIfNull(text);
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        WebhookOptions? parsed;
        try
        {
            parsed = deserializer.Deserialize<WebhookOptions?>(text);
        }
        catch (YamlException e)
        {
            // YamlDotNet's message names the line and the unknown or mistyped property.
            var detail = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new WebhookConfigurationException($"{origin}: {detail}", e);
        }

        parsed ??= new WebhookOptions();
        var sources = new Dictionary<string, WebhookSourceOptions>(StringComparer.Ordinal);
        foreach (var (name, source) in parsed.Sources ?? [])
        {
            // "key:" with no value deserialises to null; read it as "not set".
            var options = source ?? new WebhookSourceOptions();
            options.AllowedOrigins ??= [];
            options.Aliases ??= [];
            options.RepositoryKeys ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            if (options.EventGrid is { } eventGrid)
            {
                eventGrid.Topics ??= [];
                eventGrid.SubscriptionIds ??= [];
            }

            sources[name] = options;
        }

        parsed.Sources = sources;
        return parsed;
    }

    /// <summary>
    /// Binds flat configuration pairs under <paramref name="section"/> (keys separated by ':' or
    /// '__', case-insensitive) to <see cref="WebhookOptions"/>. Unknown keys are errors, so a
    /// typo does not silently leave a source unauthenticated or misread.
    /// </summary>
    public static WebhookOptions FromConfiguration(IEnumerable<KeyValuePair<string, string?>> configuration, string section = WebhookOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new WebhookOptions();
        var errors = new List<string>();
        var lists = new Dictionary<(string Source, string List), SortedList<int, string>>();
        foreach (var (rawKey, value) in configuration)
        {
            if (value is null || rawKey is null)
            {
                continue;
            }

            var segments = rawKey.Replace("__", ":", StringComparison.Ordinal).Split(':');
            if (segments.Length < 2 || !segments[0].Equals(section, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = string.Join(':', segments);
            var path = segments[1..];
            if (path is [var setting] && setting.Equals("MaxBodyBytes", StringComparison.OrdinalIgnoreCase))
            {
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
                {
                    options.MaxBodyBytes = bytes;
                }
                else
                {
                    errors.Add($"{key} is '{value}', not a whole number of bytes");
                }
            }
            else if (path is [var file] && file.Equals("SourcesFile", StringComparison.OrdinalIgnoreCase))
            {
                options.SourcesFile = value;
            }
            else if (path.Length >= 3 && path[0].Equals("Sources", StringComparison.OrdinalIgnoreCase))
            {
                var name = path[1];
                if (!options.Sources.TryGetValue(name, out var source))
                {
                    source = options.Sources.FirstOrDefault(s => s.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
                    if (source is null)
                    {
                        source = new WebhookSourceOptions();
                        options.Sources[name] = source;
                    }
                }

                BindSourceSetting(source, name, path[2..], key, value, lists, errors);
            }
            else
            {
                errors.Add($"{key} is not a webhook setting (expected MaxBodyBytes, SourcesFile or Sources:<name>:<setting>)");
            }
        }

        foreach (var ((sourceName, list), items) in lists)
        {
            var source = options.Sources.First(s => s.Key.Equals(sourceName, StringComparison.OrdinalIgnoreCase)).Value;
            var values = items.Values.SelectMany(SplitList).ToList();
            switch (list)
            {
                case "allowedorigins":
                    source.AllowedOrigins = values;
                    break;
                case "aliases":
                    source.Aliases = values;
                    break;
                case var keyList when keyList.StartsWith("repositorykeys:", StringComparison.Ordinal):
                    source.RepositoryKeys[keyList["repositorykeys:".Length..]] = values;
                    break;
                case "eventgrid:topics":
                    (source.EventGrid ??= new EventGridOptions()).Topics = values;
                    break;
                default:
                    (source.EventGrid ??= new EventGridOptions()).SubscriptionIds = values;
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new WebhookConfigurationException(
                "Invalid webhook configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }

        return options;
    }

    private static void BindSourceSetting(
        WebhookSourceOptions source,
        string sourceName,
        string[] path,
        string key,
        string value,
        Dictionary<(string Source, string List), SortedList<int, string>> lists,
        List<string> errors)
    {
        var setting = string.Join(':', path).ToLowerInvariant();
        switch (setting)
        {
            case "type":
                source.Type = value;
                return;
            case "registry":
                source.Registry = value;
                return;
            case "timestampoffset":
                source.TimestampOffset = value;
                return;
            case "repositorylayout":
                source.RepositoryLayout = value;
                return;
            case "allowunauthenticated":
                if (bool.TryParse(value, out var allow))
                {
                    source.AllowUnauthenticated = allow;
                }
                else
                {
                    errors.Add($"{key} is '{value}', not true or false");
                }

                return;
            case "allowedrate":
                if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rate))
                {
                    source.AllowedRate = rate;
                }
                else
                {
                    errors.Add($"{key} is '{value}', not a whole number of requests per minute");
                }

                return;
            case "auth:type":
                (source.Auth ??= new WebhookAuthOptions()).Type = value;
                return;
            case "auth:header":
                (source.Auth ??= new WebhookAuthOptions()).Header = value;
                return;
            case "auth:prefix":
                (source.Auth ??= new WebhookAuthOptions()).Prefix = value;
                return;
            case "auth:parameter":
                (source.Auth ??= new WebhookAuthOptions()).Parameter = value;
                return;
            case "auth:secretfile":
                (source.Auth ??= new WebhookAuthOptions()).SecretFile = value;
                return;
        }

        // RepositoryKeys:<key>[:<index>] = host/path: the repository key keeps its case.
        if (setting.StartsWith("repositorykeys:", StringComparison.Ordinal))
        {
            var rest = string.Join(':', path[1..]);
            var colon = rest.LastIndexOf(':');
            var repositoryKey = colon > 0 && int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? rest[..colon] : rest;
            var position = repositoryKey.Length == rest.Length ? -1 : int.Parse(rest[(repositoryKey.Length + 1)..], CultureInfo.InvariantCulture);
            var entries = lists.TryGetValue((sourceName, "repositorykeys:" + repositoryKey), out var found) ? found : lists[(sourceName, "repositorykeys:" + repositoryKey)] = new SortedList<int, string>();
            entries[position < 0 ? -1_000_000 + entries.Count : position] = value;
            return;
        }

        // Lists: <list>:<index> = value, or <list> = comma-separated values (handy in env vars).
        foreach (var list in (string[])["allowedorigins", "aliases", "eventgrid:topics", "eventgrid:subscriptionids"])
        {
            var index = -1;
            var matches = setting == list
                || (setting.StartsWith(list + ":", StringComparison.Ordinal)
                    && int.TryParse(setting[(list.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out index));
            if (matches)
            {
                var items = lists.TryGetValue((sourceName, list), out var existing) ? existing : lists[(sourceName, list)] = new SortedList<int, string>();
                items[index < 0 ? -1_000_000 + items.Count : index] = value;
                return;
            }
        }

        errors.Add($"{key} is not a webhook source setting (expected Type, Registry, Auth:Type, Auth:Header, Auth:Prefix, Auth:Parameter, Auth:SecretFile, AllowUnauthenticated, AllowedOrigins, AllowedRate, Aliases, EventGrid:Topics, EventGrid:SubscriptionIds, TimestampOffset, RepositoryLayout or RepositoryKeys:<key>)");
    }

    private static IEnumerable<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static WebhookSource? Validate(string name, WebhookSourceOptions options, string? baseDirectory, List<string> errors)
    {
        var prefix = $"Webhook source '{name}'";
        var before = errors.Count;
        if (!SourceName().IsMatch(name))
        {
            errors.Add($"{prefix}: the name must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit (it is used in ?source= and in event sources)");
        }

        WebhookSourceType type = default;
        if (string.IsNullOrWhiteSpace(options.Type))
        {
            errors.Add($"{prefix}: type is missing; expected one of {WebhookSourceTypeNames.Known}");
        }
        else if (!WebhookSourceTypeNames.TryParse(options.Type, out type))
        {
            errors.Add($"{prefix}: type '{options.Type}' is unknown; expected one of {WebhookSourceTypeNames.Known}");
        }

        if (options.Registry is { } registry
            && (!RegistryHost.IsValid(registry) || !RegistryHost.IsRecognisedAsRegistry(registry)))
        {
            errors.Add($"{prefix}: registry '{registry}' is not a registry host[:port] (it needs a '.' or ':' or must be 'localhost')");
        }

        var offset = WebhookSource.DefaultTimestampOffset;
        if (options.TimestampOffset is { } offsetText && !TryParseOffset(offsetText, out offset))
        {
            errors.Add($"{prefix}: timestampOffset '{offsetText}' is not a UTC offset such as +08:00");
        }

        var layout = JfrogRepositoryLayout.RepositoryPath;
        switch (options.RepositoryLayout?.Trim().ToLowerInvariant())
        {
            case null or "repository-path" or "repositorypath" or "path":
                break;
            case "subdomain" or "sub-domain":
                layout = JfrogRepositoryLayout.Subdomain;
                break;
            case "port":
                layout = JfrogRepositoryLayout.Port;
                if (options.Registry is null)
                {
                    errors.Add($"{prefix}: repositoryLayout port needs registry (the host:port that serves the repository)");
                }

                break;
            default:
                errors.Add($"{prefix}: repositoryLayout '{options.RepositoryLayout}' is unknown; expected repository-path, subdomain or port");
                break;
        }

        foreach (var alias in options.Aliases)
        {
            if (!RegistryHost.IsValid(alias) || !RegistryHost.IsRecognisedAsRegistry(alias))
            {
                errors.Add($"{prefix}: alias '{alias}' is not a registry host[:port] (it needs a '.' or ':' or must be 'localhost')");
            }
        }

        var repositoryKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (repositoryKey, prefixes) in options.RepositoryKeys)
        {
            var valid = new List<string>();
            foreach (var target in prefixes ?? [])
            {
                // host/path, read as a reference without tag: the host must be one, the path a repository path.
                if (target?.Trim() is { Length: > 0 } text
                    && text.IndexOf('/', StringComparison.Ordinal) is var slash and > 0
                    && RegistryHost.IsValid(text[..slash]) && RegistryHost.IsRecognisedAsRegistry(text[..slash])
                    && ImageReference.TryCreate(text[..slash], text[(slash + 1)..] + "/x", "latest", null, out _, out _))
                {
                    valid.Add(text);
                }
                else
                {
                    errors.Add($"{prefix}: repositoryKeys '{repositoryKey}' entry '{target}' is not host/path (e.g. mycompany.jfrog.io/docker)");
                }
            }

            if (valid.Count == 0)
            {
                errors.Add($"{prefix}: repositoryKeys '{repositoryKey}' lists no host/path");
            }

            repositoryKeys[repositoryKey] = valid;
        }

        if (options.AllowedRate is <= 0)
        {
            errors.Add($"{prefix}: allowedRate must be a positive number of requests per minute (leave it unset to grant any rate)");
        }

        if (options.AllowedOrigins.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}: allowedOrigins has an empty entry");
        }

        var authentication = BuildAuthentication(prefix, type, options, baseDirectory, errors);
        if (errors.Count > before || authentication is null)
        {
            return null;
        }

        return new WebhookSource
        {
            Name = name,
            Type = type,
            Authentication = authentication,
            Registry = options.Registry,
            AllowedOrigins = options.AllowedOrigins.Select(o => o.Trim()).ToList(),
            Aliases = options.Aliases.Select(a => a.Trim()).ToList(),
            RepositoryKeys = repositoryKeys,
            AllowedRate = options.AllowedRate,
            EventGridTopics = options.EventGrid?.Topics.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [],
            EventGridSubscriptionIds = options.EventGrid?.SubscriptionIds.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [],
            TimestampOffset = offset,
            RepositoryLayout = layout,
        };
    }

    private static SourceAuthentication? BuildAuthentication(
        string prefix,
        WebhookSourceType type,
        WebhookSourceOptions options,
        string? baseDirectory,
        List<string> errors)
    {
        var auth = options.Auth;
        var scheme = auth?.Type?.Trim().ToLowerInvariant();
        if (auth is null || scheme is "none")
        {
            if (options.AllowUnauthenticated)
            {
                return new NoAuthentication();
            }

            errors.Add(auth is null
                ? $"{prefix}: auth is missing; configure auth (hmac-sha256, header, url-token or bearer with a secretFile), or set allowUnauthenticated: true to accept anyone"
                : $"{prefix}: auth type none needs allowUnauthenticated: true");
            return null;
        }

        if (scheme == "jwt")
        {
            return BuildJwt(prefix, type, auth, errors);
        }

        if (scheme is not ("hmac-sha256" or "header" or "url-token" or "bearer"))
        {
            errors.Add(string.IsNullOrEmpty(scheme)
                ? $"{prefix}: auth.type is missing; expected hmac-sha256, header, url-token, bearer or none"
                : $"{prefix}: auth type '{auth.Type}' is unknown; expected hmac-sha256, header, url-token, bearer or none");
            return null;
        }

        string? header = auth.Header?.Trim();
        if (scheme == "hmac-sha256" && string.IsNullOrEmpty(header))
        {
            header = type switch
            {
                WebhookSourceType.Ghcr => "X-Hub-Signature-256",
                WebhookSourceType.Jfrog => "X-JFrog-Event-Auth",
                _ => null,
            };
            if (header is null)
            {
                errors.Add($"{prefix}: auth type hmac-sha256 needs header (the header the sender puts its signature in)");
                return null;
            }
        }

        if (scheme == "header" && string.IsNullOrEmpty(header))
        {
            header = type == WebhookSourceType.Jfrog ? "X-JFrog-Event-Auth" : "Authorization";
        }

        if (string.IsNullOrWhiteSpace(auth.SecretFile))
        {
            errors.Add($"{prefix}: auth.secretFile is missing (secrets are read from files such as /var/openfaas/secrets/<name>, never written inline)");
            return null;
        }

        Secret secret;
        try
        {
            secret = Secret.FromFile(Path.GetFullPath(auth.SecretFile, baseDirectory ?? Directory.GetCurrentDirectory()));
        }
        catch (WebhookConfigurationException e)
        {
            errors.Add($"{prefix}: {e.Message}");
            return null;
        }

        return scheme switch
        {
            "hmac-sha256" => new HmacSignatureAuthentication(
                header!,
                auth.Prefix ?? (type == WebhookSourceType.Ghcr && header!.Equals("X-Hub-Signature-256", StringComparison.OrdinalIgnoreCase) ? "sha256=" : string.Empty),
                secret),
            "header" => new StaticHeaderAuthentication(header!, secret),
            "url-token" => new UrlTokenAuthentication(string.IsNullOrWhiteSpace(auth.Parameter) ? "token" : auth.Parameter.Trim(), secret),
            _ => new BearerTokenAuthentication(secret),
        };
    }

    /// <summary>Google's issuer of Pub/Sub push tokens, written both ways in its tokens.</summary>
    private static readonly string[] GoogleIssuers = ["https://accounts.google.com", "accounts.google.com"];

    private static JwtAuthentication? BuildJwt(string prefix, WebhookSourceType type, WebhookAuthOptions auth, List<string> errors)
    {
        var issuers = auth.Issuer is { Length: > 0 } issuer ? [issuer.Trim()] : type == WebhookSourceType.Gar ? GoogleIssuers : [];
        if (issuers.Length == 0)
        {
            errors.Add($"{prefix}: auth type jwt needs issuer (e.g. https://login.microsoftonline.com/<tenant>/v2.0)");
        }

        if (string.IsNullOrWhiteSpace(auth.Audience))
        {
            errors.Add($"{prefix}: auth type jwt needs audience (the audience the sender puts in its tokens)");
        }

        var document = auth.OpenIdConfiguration ?? (issuers.Length > 0 ? issuers[0].TrimEnd('/') + "/.well-known/openid-configuration" : null);
        if (document is not null
            && (!Uri.TryCreate(document, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
        {
            errors.Add($"{prefix}: auth openIdConfiguration '{document}' is not an https URL");
            return null;
        }

        return issuers.Length == 0 || string.IsNullOrWhiteSpace(auth.Audience) || document is null
            ? null
            : new JwtAuthentication(new Uri(document), issuers, auth.Audience.Trim(), auth.Claims ?? new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static bool TryParseOffset(string text, out TimeSpan offset)
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

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SourceName();
}
