using ImageCacheFunctions.ImageCaches.Prune;

namespace ImageCacheFunctions.ImageCaches.Operations.Prune;

/// <summary>One prune run as asked for. Null fields take the configured value.</summary>
/// <param name="DryRun">Select and report, delete nothing.</param>
/// <param name="Policies">Only these policies (a subset of the configured ones is not enforced: asking is explicit).</param>
/// <param name="Trigger">Who started it (<c>http</c>, <c>timer</c>), for the report and the logs.</param>
public sealed record PruneRequest(bool? DryRun = null, IReadOnlySet<PrunePolicy>? Policies = null, string Trigger = "http");
