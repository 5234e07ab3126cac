using ImageCacheFunctions.ImageCaches.Registries;
using Microsoft.Extensions.Configuration;

namespace ImageCacheFunctions.ImageCaches.Operations.Refresh;

/// <summary>
/// The registry sources of section <c>Webhook</c> (sources file, <c>Webhook:Sources:…</c>, body
/// limit), loaded once with the registries library's loader. The refresh settings of the same
/// section (<see cref="WebhookRefreshOptions.OwnKeys"/>) are left out of what that loader sees,
/// so it can still report any key nobody knows.
/// </summary>
public sealed class WebhookSources(IConfiguration configuration)
{
    private readonly Lazy<WebhookSettings> _settings = new(() => Load(configuration), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The validated settings; <see cref="WebhookConfigurationException"/> lists every problem.</summary>
    public WebhookSettings Settings => _settings.Value;

    public static WebhookSettings Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return WebhookSettingsLoader.LoadFromConfiguration(configuration.AsEnumerable().Where(pair => !IsRefreshKey(pair.Key)));
    }

    private static bool IsRefreshKey(string key)
    {
        var segments = key.Replace("__", ":", StringComparison.Ordinal).Split(':');
        return segments.Length >= 2
            && segments[0].Equals(WebhookRefreshOptions.SectionName, StringComparison.OrdinalIgnoreCase)
            && WebhookRefreshOptions.OwnKeys.Contains(segments[1]);
    }
}
