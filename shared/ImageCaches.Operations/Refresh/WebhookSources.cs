using System.Text;
using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// The registry sources of section <c>Webhook</c> (sources file, <c>Webhook:Sources:…</c>, body
/// limit) as they are now. Loaded with the registries library's loader, one source at a time (a
/// broken source is listed with its reason; the others work), and loaded again by
/// <see cref="Reload"/> when the sources file or a secret file changed (see
/// <see cref="WebhookSourcesReloader"/>): OpenFaaS' <c>faas-cli secret update</c> rewrites the
/// mounted files in place. A new version that cannot be read keeps the last good one, and says why.
/// </summary>
public sealed partial class WebhookSources : IHealthCheck
{
    private readonly IConfiguration _configuration;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Loaded? _loaded;
    private Task<Loaded>? _firstRead;
    private string? _lastFailure;
    private byte[]? _lastFailedFingerprint;

    public WebhookSources(IConfiguration configuration, ILogger<WebhookSources>? logger = null)
    {
        _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        _logger = logger ?? NullLogger<WebhookSources>.Instance;
    }

    /// <summary>Settings whose first read was started already (<see cref="StartFirstRead"/>); the first use waits for it.</summary>
    internal WebhookSources(IConfiguration configuration, ILogger<WebhookSources>? logger, Task<Loaded> firstRead)
        : this(configuration, logger)
    {
        _firstRead = firstRead;
    }

    /// <summary>
    /// The settings in force; the first read loads them (<see cref="WebhookConfigurationException"/>
    /// when the configuration as a whole cannot be read: the function does not start).
    /// </summary>
    public WebhookSettings Settings => Current.Settings;

    /// <summary>A receiver for the settings in force (a new one after each reload).</summary>
    public WebhookReceiver Receiver => Current.Receiver;

    /// <summary>Why the last reload was refused (the last good settings stay in force); null when it was not.</summary>
    public string? LastReloadFailure
    {
        get
        {
            lock (_gate)
            {
                return _lastFailure;
            }
        }
    }

    private Loaded Current
    {
        get
        {
            lock (_gate)
            {
                if (_loaded is null)
                {
                    // A first read that failed is not waited for again: the next use reads afresh.
                    var firstRead = _firstRead;
                    _firstRead = null;
                    _loaded = firstRead is null ? Read(_configuration) : firstRead.GetAwaiter().GetResult();
                    LogLoaded(_loaded.Settings, reloaded: false);
                }

                return _loaded;
            }
        }
    }

    /// <summary>
    /// Starts the first read on a thread-pool thread: parsing the sources file (YamlDotNet's first
    /// use is tens of milliseconds) then overlaps the host's own start instead of lengthening it.
    /// Its errors surface where a read's would, at the first use (the start-up validation).
    /// </summary>
    internal static Task<Loaded> StartFirstRead(IConfiguration configuration) => Task.Run(() => Read(configuration));

    private static Loaded Read(IConfiguration configuration)
    {
        var settings = Load(configuration);
        return new Loaded(settings, new WebhookReceiver(settings), Fingerprint(settings.Files));
    }

    public static WebhookSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return WebhookSettingsLoader.LoadFromConfiguration(configuration.GetSection(WebhookRefreshOptions.SectionName));
    }

    /// <summary>
    /// Loads again when a file the settings were read from changed (content, or appearing or
    /// disappearing). A version that cannot be read as a whole keeps the settings in force; a
    /// source that loaded before and is broken now keeps its last good version (a half-written
    /// secret file must not lock a registry out). Returns true when new settings took effect.
    /// </summary>
    public bool Reload()
    {
        var current = Current;
        var fingerprint = Fingerprint(current.Settings.Files);
        lock (_gate)
        {
            if (fingerprint.AsSpan().SequenceEqual(_loaded!.Fingerprint) || (_lastFailedFingerprint is not null && fingerprint.AsSpan().SequenceEqual(_lastFailedFingerprint)))
            {
                return false;
            }

            WebhookSettings fresh;
            try
            {
                fresh = Load(_configuration);
                if (fresh.Sources.Count == 0 && fresh.Broken.Count == 0 && _loaded.Settings.Sources.Count > 0)
                {
                    // A truncated file (an editor between truncating and writing) reads as no
                    // sources at all; dropping every sender on that is never what was meant.
                    throw new WebhookConfigurationException("the edited configuration has no sources at all; write an empty sources: {} on purpose only with a restart");
                }
            }
            catch (WebhookConfigurationException e)
            {
                _lastFailure = e.Message;
                _lastFailedFingerprint = fingerprint;
                LogReloadRefused(_logger, e.Message);
                return false;
            }

            var merged = KeepLastGood(fresh, _loaded.Settings);
            _loaded = new Loaded(merged, new WebhookReceiver(merged), Fingerprint(fresh.Files));
            _lastFailure = null;
            _lastFailedFingerprint = null;
            LogLoaded(merged, reloaded: true);
            return true;
        }
    }

    /// <summary>Healthy with every source loaded; Degraded (still ready: the others work) naming each broken source and why.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        WebhookSettings settings;
        try
        {
            settings = Settings;
        }
        catch (WebhookConfigurationException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(e.Message));
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["loaded"] = settings.Sources.Keys.Order(StringComparer.Ordinal).ToArray(),
        };
        foreach (var broken in settings.Broken)
        {
            data["broken:" + broken.Name] = broken.Reason;
        }

        if (LastReloadFailure is { } failure)
        {
            data["lastReloadRefused"] = failure;
        }

        return Task.FromResult(settings.Broken.Count == 0 && LastReloadFailure is null
            ? HealthCheckResult.Healthy($"{settings.Sources.Count} webhook source(s) loaded", data)
            : HealthCheckResult.Degraded(
                settings.Broken.Count == 0
                    ? "the last edit of the webhook configuration was refused; the previous one is in force"
                    : $"webhook source(s) {string.Join(", ", settings.Broken.Select(b => b.Name))} could not be loaded and answer 503; the others work",
                data: data));
    }

    private WebhookSettings KeepLastGood(WebhookSettings fresh, WebhookSettings previous)
    {
        var kept = new List<WebhookSource>();
        var broken = new List<BrokenSource>();
        foreach (var problem in fresh.Broken)
        {
            if (previous.Sources.TryGetValue(problem.Name, out var good))
            {
                kept.Add(good);
                LogKeptLastGood(_logger, problem.Name, problem.Reason);
            }
            else
            {
                broken.Add(problem);
            }
        }

        return kept.Count == 0
            ? fresh
            : new WebhookSettings(fresh.Sources.Values.Concat(kept), fresh.MaxBodyBytes) { Broken = broken, Files = fresh.Files };
    }

    private void LogLoaded(WebhookSettings settings, bool reloaded)
    {
        LogSources(_logger, reloaded ? "reloaded" : "loaded", settings.Sources.Count, string.Join(", ", settings.Sources.Keys.Order(StringComparer.Ordinal)));
        foreach (var broken in settings.Broken)
        {
            LogBroken(_logger, broken.Name, broken.Reason);
        }
    }

    /// <summary>
    /// Each file's path and content (or its absence), compared byte for byte by <see cref="Reload"/>;
    /// symbolic links are followed, as a read does. Kept whole, not hashed: the files are small and
    /// a hash at start-up would load the cryptography libraries (4.6 MB mapped) for nothing else.
    /// </summary>
    internal static byte[] Fingerprint(IEnumerable<string> files)
    {
        using var content = new MemoryStream();
        foreach (var file in files)
        {
            byte[] part;
            try
            {
                // Sources files and secrets are small; the loader bounds what it reads anyway.
                var info = new FileInfo(file);
                part = info.Exists && info.Length <= 4 * 1024 * 1024 ? File.ReadAllBytes(file) : "absent"u8.ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                part = Encoding.UTF8.GetBytes("unreadable " + e.GetType().Name);
            }

            // Path and length first, so that no two sets of files read the same.
            content.Write(Encoding.UTF8.GetBytes($"{file}\n{part.Length}\n"));
            content.Write(part);
        }

        return content.ToArray();
    }

    internal sealed record Loaded(WebhookSettings Settings, WebhookReceiver Receiver, byte[] Fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "webhook sources {Action}: {Count} ({Names})")]
    private static partial void LogSources(ILogger logger, string action, int count, string names);

    [LoggerMessage(Level = LogLevel.Error, Message = "webhook source {Source} could not be loaded and answers 503: {Reason}")]
    private static partial void LogBroken(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "webhook source {Source}: the new version cannot be loaded, the last good one stays in force: {Reason}")]
    private static partial void LogKeptLastGood(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "the edited webhook configuration cannot be read; the last good one stays in force: {Reason}")]
    private static partial void LogReloadRefused(ILogger logger, string reason);
}
