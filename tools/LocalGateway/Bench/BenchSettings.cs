namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>What the bench measures and how often.</summary>
internal sealed record BenchSettings(
    string StackFile,
    string StateDirectory,
    string? Function,
    int ColdStarts,
    int Requests,
    int Warmup,
    int Concurrency = 16,
    int LoadRequests = 3000,
    int NewDigestRequests = 500,
    int Caches = 10_000,
    int PruneCaches = 100_000,
    int ReconcileCaches = 10_000,
    bool AotAnchor = true,
    bool AsShipped = true);
