namespace ImageCacheFunctions.LocalGateway.Bench;

/// <summary>What the bench measures and how often.</summary>
internal sealed record BenchSettings(
    string StackFile,
    string StateDirectory,
    string? Function,
    int ColdStarts,
    int Requests,
    int Warmup);
