using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// Reads the webhook configuration (a YAML or JSON sources file and/or configuration keys
/// under <c>Webhook:</c>, bound by the configuration binder), checks each source with
/// <see cref="WebhookSourceOptionsValidator"/> and loads the secrets. Sources are loaded one by
/// one: a source with a problem is listed in <see cref="WebhookSettings.Broken"/> with its
/// reasons, one line each, without any secret value, and the others load.
/// </summary>
public static partial class WebhookSettingsLoader
{
    /// <summary>Largest body limit that can be configured.</summary>
    public const long MaxConfigurableBodyBytes = 64L * 1024 * 1024;

    private static readonly WebhookSourceOptionsValidator Validator = new();

    /// <summary>
    /// Loads the settings from configuration section <c>Webhook</c> (<paramref name="section"/>):
    /// <c>MaxBodyBytes</c>, <c>SourcesFile</c> and <c>Sources:&lt;name&gt;:…</c>. Each source is
    /// bound on its own with <see cref="BinderOptions.ErrorOnUnknownConfiguration"/>, so a typo
    /// breaks that source (it answers 503), never the others.
    /// </summary>
    public static WebhookSettings LoadFromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var options = new WebhookOptions { SourcesFile = section[nameof(WebhookOptions.SourcesFile)] };
        try
        {
            options.MaxBodyBytes = section.GetValue<long?>(nameof(WebhookOptions.MaxBodyBytes));
        }
        catch (InvalidOperationException e)
        {
            throw Invalid([BinderProblem(e)]);
        }

        var unbound = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetSection(nameof(WebhookOptions.Sources)).GetChildren())
        {
            var source = new WebhookSourceOptions();
            try
            {
                child.Bind(source, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                unbound[child.Key] = $"Webhook source '{child.Key}': {BinderProblem(e, child)}";
                source.Type = child[nameof(WebhookSourceOptions.Type)]; // still known: a broken source of a known format answers 503

            }

            options.Sources[child.Key] = source;
        }

        return Load(options, null, unbound);
    }

    /// <summary>Loads the settings from a YAML or JSON sources file.</summary>
    public static WebhookSettings LoadFile(string path) => Load(new WebhookOptions { SourcesFile = path });

    /// <summary>
    /// Merges <see cref="WebhookOptions.SourcesFile"/> into <paramref name="options"/>, checks each
    /// source, reads the secret files. What concerns every source (an unreadable or malformed
    /// sources file, the body limit, a source defined twice) throws <see cref="WebhookConfigurationException"/>.
    /// </summary>
    public static WebhookSettings Load(WebhookOptions options, string? baseDirectory = null) =>
        Load(options, baseDirectory, new Dictionary<string, string>());

    private static WebhookSettings Load(WebhookOptions options, string? baseDirectory, IReadOnlyDictionary<string, string> unbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var files = new List<string>();
        var sources = options.Sources.Select(s => (Name: s.Key, Options: s.Value, BaseDirectory: baseDirectory)).ToList();
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
            throw Invalid(errors);
        }

        var loaded = new List<WebhookSource>();
        var broken = new List<BrokenSource>();
        foreach (var (name, source, directory) in sources)
        {
            if (source.Auth?.SecretFile is { Length: > 0 } secretFile)
            {
                files.Add(Path.GetFullPath(secretFile, directory ?? Directory.GetCurrentDirectory()));
            }

            var problems = unbound.TryGetValue(name, out var bindProblem) ? [bindProblem] : Validator.Validate(name, source).Failures?.ToList() ?? [];
            if (problems.Count == 0)
            {
                try
                {
                    loaded.Add(Build(name, source, directory));
                    continue;
                }
                catch (WebhookConfigurationException e)
                {
                    problems.Add($"Webhook source '{name}': {e.Message}");
                }
            }

            WebhookSourceType? type = WebhookSourceTypeNames.TryParse(source.Type, out var parsed) ? parsed : null;
            broken.Add(new BrokenSource(name, type, string.Join("; ", problems)));
        }

        return new WebhookSettings(loaded, limit) { Broken = broken, Files = files.Distinct(StringComparer.Ordinal).ToList() };
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

    /// <summary>Builds a source that passed <see cref="WebhookSourceOptionsValidator"/>; reads its secret file.</summary>
    private static WebhookSource Build(string name, WebhookSourceOptions options, string? baseDirectory)
    {
        WebhookSourceTypeNames.TryParse(options.Type, out var type);
        WebhookSourceOptionsValidator.TryParseLayout(options.RepositoryLayout, out var layout);
        var offset = WebhookSource.DefaultTimestampOffset;
        if (options.TimestampOffset is { } offsetText)
        {
            WebhookSourceOptionsValidator.TryParseOffset(offsetText, out offset);
        }

        return new WebhookSource
        {
            Name = name,
            Type = type,
            Authentication = Authentication(type, options, baseDirectory),
            Registry = options.Registry,
            AllowedOrigins = options.AllowedOrigins.Select(o => o.Trim()).ToList(),
            Aliases = options.Aliases.Select(a => a.Trim()).ToList(),
            RepositoryKeys = options.RepositoryKeys.ToDictionary(
                k => k.Key, k => (IReadOnlyList<string>)k.Value.Select(t => t.Trim()).ToList(), StringComparer.OrdinalIgnoreCase),
            AllowedRate = options.AllowedRate,
            EventGridTopics = options.EventGrid?.Topics.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [],
            EventGridSubscriptionIds = options.EventGrid?.SubscriptionIds.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList() ?? [],
            TimestampOffset = offset,
            RepositoryLayout = layout,
        };
    }

    private static SourceAuthentication Authentication(WebhookSourceType type, WebhookSourceOptions options, string? baseDirectory)
    {
        var auth = options.Auth;
        var scheme = WebhookSourceOptionsValidator.Scheme(auth);
        if (auth is null || scheme == "none")
        {
            return new NoAuthentication();
        }

        if (scheme == "jwt")
        {
            var issuers = WebhookSourceOptionsValidator.Issuers(auth, type);
            return new JwtAuthentication(
                new Uri(WebhookSourceOptionsValidator.OpenIdConfiguration(auth, issuers)!),
                issuers,
                auth.Audience!.Trim(),
                auth.Claims ?? new Dictionary<string, string>(StringComparer.Ordinal));
        }

        var secret = Secret.FromFile(Path.GetFullPath(auth.SecretFile!, baseDirectory ?? Directory.GetCurrentDirectory()));
        var header = auth.Header?.Trim();
        return scheme switch
        {
            "hmac-sha256" => new HmacSignatureAuthentication(
                header = WebhookSourceOptionsValidator.SignatureHeader(auth, type)!,
                auth.Prefix ?? (type == WebhookSourceType.Ghcr && header.Equals("X-Hub-Signature-256", StringComparison.OrdinalIgnoreCase) ? "sha256=" : string.Empty),
                secret),
            "header" => new StaticHeaderAuthentication(
                string.IsNullOrEmpty(header) ? (type == WebhookSourceType.Jfrog ? "X-JFrog-Event-Auth" : "Authorization") : header,
                secret),
            "url-token" => new UrlTokenAuthentication(string.IsNullOrWhiteSpace(auth.Parameter) ? "token" : auth.Parameter.Trim(), secret),
            _ => new BearerTokenAuthentication(secret),
        };
    }

    private static WebhookConfigurationException Invalid(IEnumerable<string> errors) =>
        new("Invalid webhook configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));

    /// <summary>
    /// The binder's refusal as one line, never with the value (it may be a misplaced secret): a
    /// value that does not convert is named by its key and what it must be; keys the binder does
    /// not know are named by their full path.
    /// </summary>
    private static string BinderProblem(InvalidOperationException e, IConfigurationSection? source = null)
    {
        // Inside a list or dictionary the binder wraps the refusal in a general one.
        var messages = string.Join("\n", Chain(e).Select(x => x.Message));
        if (FailedConversion().Match(messages) is { Success: true } conversion)
        {
            var type = conversion.Groups["type"].Value;
            var expected = type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
                : "a " + type;
            return $"{conversion.Groups["path"].Value} must be {expected}";
        }

        if (source is not null && UnknownProperties().Match(messages) is { Success: true } unknown)
        {
            var names = unknown.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('\''));
            var paths = names.SelectMany(n => PathsOf(source, n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return $"{string.Join(", ", paths.Count > 0 ? paths : names)} is not a webhook source setting (expected Type, Registry, Auth:Type, Auth:Header, Auth:Prefix, Auth:Parameter, Auth:SecretFile, Auth:Issuer, Auth:Audience, Auth:OpenIdConfiguration, Auth:Claims, AllowUnauthenticated, AllowedOrigins, AllowedRate, Aliases, EventGrid:Topics, EventGrid:SubscriptionIds, TimestampOffset, RepositoryLayout or RepositoryKeys:<key>)";
        }

        return $"a value under {source?.Path ?? WebhookOptions.SectionName} cannot be read ({e.GetType().Name})";
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }

    /// <summary>Full configuration paths under <paramref name="section"/> whose last segment is <paramref name="name"/>.</summary>
    private static IEnumerable<string> PathsOf(IConfigurationSection section, string name) =>
        section.AsEnumerable(makePathsRelative: true)
            .Select(pair => pair.Key.Split(':'))
            .SelectMany(segments => Enumerable.Range(0, segments.Length)
                .Where(i => segments[i].Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(i => section.Path + ":" + string.Join(':', segments[..(i + 1)])));

    // The binder's conversion failure: "Failed to convert configuration value '…' at '<path>' to type '<type>'."
    [GeneratedRegex("at '(?<path>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FailedConversion();

    // The binder's ErrorOnUnknownConfiguration message ends "…not found on the instance of <type>: 'A', 'B'".
    [GeneratedRegex("not found on the instance of [^:\n]+: (?<names>[^\n]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnknownProperties();
}
