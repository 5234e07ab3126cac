namespace ImageCacheFunctions.Emulators.Kubernetes;

/// <summary>
/// A failure the emulator answers instead of doing the request, for the next <see cref="Times"/>
/// requests that match (null matches any): a Status with <see cref="StatusCode"/> (429 adds
/// Retry-After: 1), after <see cref="Delay"/> when set. StatusCode 0 only delays. Nothing changes
/// in the store for a failed request.
/// </summary>
public sealed record KubernetesFault(int StatusCode, string? Verb = null, string? Resource = null, string? Subresource = null, int Times = 1)
{
    /// <summary>Wall-clock wait before answering (for client timeout tests).</summary>
    public TimeSpan Delay { get; init; }

    internal bool Matches(EmulatorRequest request) =>
        (Verb is null || Verb == request.Verb)
        && (Resource is null || Resource == request.Resource)
        && (Subresource is null || Subresource == request.Subresource);
}
