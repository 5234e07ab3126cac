using ImageCacheFunctions.Emulators.Eci;
using Microsoft.Extensions.Logging;

namespace ImageCacheFunctions.LocalGateway.Backends;

/// <summary>
/// The ECI OpenAPI emulator on a loopback port, and its fixed test AccessKey. Its caches live
/// in memory: after a gateway restart the Kubernetes objects (persisted) outlive them, which
/// reconcile reports and repairs as it would a cache deleted in the console.
/// </summary>
internal static class EmbeddedEci
{
    // Short on purpose: someone trying the functions sees a new cache Ready a few seconds later
    // (the README walk-through), where real ECI (and the emulator's defaults) take minutes.
    internal static readonly TimeSpan PreparingDuration = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan PullDurationPerImage = TimeSpan.FromSeconds(3);

    /// <summary>The emulator's fixed test AccessKey id (to recognise files an embedded run left behind).</summary>
    public static string TestAccessKeyId => EmulatorTestCredentials.AccessKeyId;

    public static async Task<(Uri Endpoint, string AccessKeyId, string AccessKeySecret)> StartAsync(
        string region, List<IAsyncDisposable> owned, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var emulator = new EciEmulator(new EciEmulatorOptions
        {
            RegionId = region,
            PreparingDuration = PreparingDuration,
            PullDurationPerImage = PullDurationPerImage,
        });
        owned.Add(emulator);
        var endpoint = await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("ECI emulator listening on {Endpoint}", endpoint);
        return (endpoint, EmulatorTestCredentials.AccessKeyId, EmulatorTestCredentials.AccessKeySecret);
    }
}
