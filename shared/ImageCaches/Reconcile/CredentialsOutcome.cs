using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Resources;

namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>
/// Whether the credentials resolved from spec.imagePullSecrets let reconcile create or update a
/// cache. Decision: a secret the spec names but that cannot be used for the cache (missing,
/// unreadable, wrong type, malformed, no entry for the cache's registries, an unusable entry) or
/// an invalid image blocks the ECI call: the images of a private registry would otherwise be
/// pulled without credentials and the cache would fail in ECI, far from the cause. Registries no
/// secret mentions are taken to be public (the seed: public images need no secret). Two secrets
/// giving different credentials for one registry is reported but does not block (the first wins,
/// as with the kubelet).
/// </summary>
public static class CredentialsOutcome
{
    public const string ResolvedReason = "Resolved";

    /// <summary>The blocker for the Ready condition, or null when the call may go ahead.</summary>
    public static ReconcileBlocker? Blocker(RegistryCredentialResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        var blocking = BlockingProblems(resolution);
        return blocking.Count == 0
            ? null
            : new ReconcileBlocker(ImageCacheEventReasons.CredentialsProblem, Describe(blocking));
    }

    /// <summary>
    /// Sets the CredentialsResolved condition from a resolution: False with the problems when they
    /// block the call; True with the warnings when only warnings remain; absent when all is well.
    /// (It is present only when there is something to say, so a cache adopted after a crash, whose
    /// credentials were not looked at again, has the same status as one created without a crash.)
    /// </summary>
    public static void SetCondition(ImageCacheStatus status, RegistryCredentialResolution resolution, long generation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(resolution);
        var blocking = BlockingProblems(resolution);
        if (blocking.Count > 0)
        {
            ImageCacheConditions.Set(status, ImageCacheConditionTypes.CredentialsResolved, false, ImageCacheEventReasons.CredentialsProblem, Describe(blocking), generation, now);
            return;
        }

        var warnings = resolution.Problems.Where(p => !IsBlocking(p)).ToList();
        if (warnings.Count > 0)
        {
            ImageCacheConditions.Set(status, ImageCacheConditionTypes.CredentialsResolved, true, ResolvedReason, Describe(warnings), generation, now);
            return;
        }

        ImageCacheConditions.Remove(status, ImageCacheConditionTypes.CredentialsResolved);
    }

    /// <summary>True for a problem that stops the ECI call.</summary>
    public static bool IsBlocking(ImagePullSecretProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Kind != ImagePullSecretProblemKind.ConflictingCredentials;
    }

    private static List<ImagePullSecretProblem> BlockingProblems(RegistryCredentialResolution resolution) =>
        resolution.Problems.Where(IsBlocking).ToList();

    private static string Describe(IEnumerable<ImagePullSecretProblem> problems) =>
        string.Join("; ", problems.Select(p => p.Message).Distinct(StringComparer.Ordinal));
}
