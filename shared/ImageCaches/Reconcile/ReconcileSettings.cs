using ImageCacheFunctions.ImageCaches.Settings;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>The knobs of planning (from configuration), independent of any I/O.</summary>
/// <param name="RecreatePolicy">What to do about a vanished cache.</param>
/// <param name="MaxStatusEvents">How many of ECI's events status.events keeps (the newest), so the object stays small.</param>
/// <param name="Defaults">What an ImageCache without annotations gets (the configured network, like eci-profile).</param>
public sealed record ReconcileSettings(RecreatePolicy RecreatePolicy = RecreatePolicy.Recreate, int MaxStatusEvents = 50, CacheSettingDefaults? Defaults = null)
{
    public static ReconcileSettings Default { get; } = new();
}
