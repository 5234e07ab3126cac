using System.Text.Json.Nodes;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>What a write answers: the HTTP code, the body and any Warning headers.</summary>
internal sealed record WriteOutcome(int Code, JsonObject Body, IReadOnlyList<string> Warnings);
