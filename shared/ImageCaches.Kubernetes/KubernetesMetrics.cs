using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using Prometheus;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Prometheus metrics of the functions' Kubernetes API calls, by verb (get, list, create,
/// replace, patch, delete) and outcome class, recorded where every call passes
/// (<see cref="KubernetesErrors.TranslateAsync{T}"/>).
/// </summary>
public static class KubernetesMetrics
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "imagecache_kubernetes_requests_total",
        "Kubernetes API calls by verb and outcome (ok, not_found, conflict, already_exists, invalid, unavailable, error).",
        "verb", "outcome");

    private static readonly Counter ConflictsRetried = Metrics.CreateCounter(
        "imagecache_kubernetes_conflicts_retried_total",
        "Writes that met a resourceVersion conflict and were retried on a fresh read.");

    /// <summary>
    /// Records one call; <paramref name="operation"/> is the call's description, whose first
    /// word is the verb (e.g. "get imagecache x").
    /// </summary>
    public static void Called(string operation, KubernetesApiException? failure)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? operation : operation[..space];
        Requests.WithLabels(verb, OutcomeOf(failure)).Inc();
    }

    public static void ConflictRetried() => ConflictsRetried.Inc();

    private static string OutcomeOf(KubernetesApiException? failure) => failure switch
    {
        null => "ok",
        KubernetesNotFoundException => "not_found",
        KubernetesAlreadyExistsException => "already_exists",
        KubernetesConflictException => "conflict",
        KubernetesInvalidException => "invalid",
        KubernetesUnavailableException => "unavailable",
        _ => "error",
    };
}
