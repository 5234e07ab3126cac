namespace ImageCacheFunctions.Emulators.Eci.Faults;

/// <summary>Continuous faults, all off by default.</summary>
/// <param name="ThrottlingRate">Share of calls (0..1) answered with Throttling.User.</param>
/// <param name="ServerErrorRate">Share of calls (0..1) answered with 503 ServiceUnavailable.</param>
/// <param name="LatencyMilliseconds">Delay added before every answer.</param>
public sealed record FaultSettings(double ThrottlingRate = 0, double ServerErrorRate = 0, int LatencyMilliseconds = 0)
{
    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();
}
