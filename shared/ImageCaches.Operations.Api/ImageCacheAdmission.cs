using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.ImageCaches.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Operations.Api;

/// <summary>
/// The validating webhook for ImageCache objects (<c>POST /admission/imagecaches</c>):
/// <see cref="ImageCacheRules"/>, plus the secrets of spec.imagePullSecrets read by name (they
/// must exist and hold registry credentials). On an UPDATE, a problem the object already had
/// only warns (a stale secret must not block an unrelated edit). An admitted create or spec
/// change is handed to <see cref="ReconcileTrigger"/> (not on dry runs).
/// </summary>
public sealed partial class ImageCacheAdmission(
    ImagePullSecretResolver secrets,
    ReconcileTrigger trigger,
    IOptions<ApiOptions> options,
    ILogger<ImageCacheAdmission> logger)
{
    /// <summary>The one thing a denial says about a secret (item 4 of issue 12: no secret oracle).</summary>
    public const string SecretCannotBeUsed = "cannot be used: it must exist and be a kubernetes.io/dockerconfigjson secret holding credentials for these images' registries (its owner can check it with kubectl)";

    private readonly ApiOptions _settings = options.Value;

    /// <summary>Reviews an AdmissionReview's UTF-8 bytes (<paramref name="body"/> stays valid until the answer is returned).</summary>
    public async Task<ApiResult> ReviewAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!AdmissionAnswers.TryRead(body, out var review, out var refusal))
        {
            return refusal!;
        }

        var request = review!.Request!;
        if (request.Kind?.Kind != ImageCacheResource.Kind || request.Kind.Group != ImageCacheResource.Group
            || request.Resource?.Resource != ImageCacheResource.Plural
            || !string.IsNullOrEmpty(request.SubResource)
            || request.Operation is not ("CREATE" or "UPDATE"))
        {
            // deploy/admission.yaml registers CREATE and UPDATE of imagecaches only: the API
            // server sends nothing else here, so anything else is a caller probing the route.
            return ApiResult.BadRequest($"this webhook reviews CREATE and UPDATE of {ImageCacheResource.Plural}.{ImageCacheResource.Group} only (deploy/admission.yaml)");
        }

        if (!request.Object.IsObject())
        {
            return ApiResult.BadRequest("request.object must be the ImageCache being admitted");
        }

        var findings = ImageCacheRules.Check(request.Object);
        var problems = new List<AdmissionProblem>(findings.Problems);
        var warnings = new List<string>();
        if (findings.ValidSecrets.Count > 0)
        {
            await CheckSecretsAsync(request.Object, findings, problems, warnings, cancellationToken).ConfigureAwait(false);
        }

        if (request.Operation == "UPDATE" && request.OldObject.IsObject())
        {
            problems = Ratchet(problems, request.OldObject);
        }

        // request.Name is checked by AdmissionAnswers; the object's own name (a generated one) is read only as far as a name may go.
        var name = request.Name ?? request.Object.At("metadata.name").TextUpTo(ImageCacheSpec.MaxNameLength);
        warnings.InsertRange(0, problems.Where(p => !p.Denies).Select(p => p.ToString()));
        var denials = problems.Where(p => p.Denies).ToList();
        if (denials.Count > 0)
        {
            LogDenied(logger, BoundedText.ForLog(name ?? "(generated name)"), denials.Count);
            var message = AdmissionAnswers.InvalidMessage($"{ImageCacheResource.Kind}.{ImageCacheResource.Group}", name, denials);
            return AdmissionAnswers.Deny(request, 422, "Invalid", message, denials, warnings);
        }

        var specChanged = request.Operation == "CREATE" || !SameSpec(request.Object, request.OldObject);
        if (specChanged && request.DryRun != true && name is { Length: > 0 and <= ImageCacheSpec.MaxNameLength })
        {
            var previous = request.Operation == "UPDATE" ? request.OldObject.At("metadata.resourceVersion").Text() : null;
            trigger.Request(name, previous);
        }

        return AdmissionAnswers.Allow(request, warnings);
    }

    private async Task CheckSecretsAsync(JsonText? imageCache, ImageCacheFindings findings, List<AdmissionProblem> problems, List<string> warnings, CancellationToken cancellationToken)
    {
        RegistryCredentialResolution resolution;
        try
        {
            resolution = await secrets.ResolveAsync(findings.ValidImages, findings.ValidSecrets, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException ex)
        {
            LogSecretsUnreadable(logger, BoundedText.ForLog(ex.Message));
            warnings.Add("spec.imagePullSecrets: not checked, the Kubernetes API could not be read");
            return;
        }

        var entries = imageCache.At("spec.imagePullSecrets");
        foreach (var problem in resolution.Problems)
        {
            if (problem.Kind == ImagePullSecretProblemKind.InvalidImage)
            {
                continue;
            }

            var index = IndexOf(entries, problem.Secret);
            var field = index >= 0 ? $"spec.imagePullSecrets[{index}]" : "spec.imagePullSecrets";
            var denies = problem.Kind switch
            {
                ImagePullSecretProblemKind.NotFound => _settings.DenyMissingPullSecrets,
                ImagePullSecretProblemKind.InvalidReference or ImagePullSecretProblemKind.UnsupportedType or ImagePullSecretProblemKind.Malformed => true,
                // Cannot tell (RBAC, API trouble) or only partly wrong: say so, do not block.
                _ => false,
            };

            // The route is reachable without a key: the answer must not tell a caller whether a
            // secret exists in some namespace, its type or its registries. The detail is logged.
            LogSecretProblem(logger, BoundedText.ForLog(problem.Secret), problem.Kind, BoundedText.ForLog(problem.Message));
            var message = problem.Kind is ImagePullSecretProblemKind.Forbidden or ImagePullSecretProblemKind.Unreadable
                ? $"Invalid value: \"{BoundedText.Quote(problem.Secret)}\": not checked: imagecache-api could not read it"
                : $"Invalid value: \"{BoundedText.Quote(problem.Secret)}\": {SecretCannotBeUsed}";
            problems.Add(new AdmissionProblem(field, AdmissionProblem.Invalid, message, denies, problem.Secret));
        }
    }

    /// <summary>Problems the old object had too (same rule, same value) warn instead of deny.</summary>
    private static List<AdmissionProblem> Ratchet(List<AdmissionProblem> problems, JsonText? oldObject)
    {
        var oldFindings = ImageCacheRules.Check(oldObject);
        var oldSecrets = new HashSet<string>(
            (oldObject.At("spec.imagePullSecrets")?.Items(ImageCacheSpec.MaxImagePullSecrets) ?? [])
                .Select(n => ((JsonText?)n).Text())
                .Where(s => s is not null)
                .Select(s => s!),
            StringComparer.Ordinal);
        return [.. problems.Select(p =>
        {
            if (!p.Denies || p.Value is null)
            {
                return p;
            }

            var hadIt = oldFindings.Problems.Any(o => o.Reason == p.Reason && o.Value == p.Value)
                || (p.Field.StartsWith("spec.imagePullSecrets[", StringComparison.Ordinal) && oldSecrets.Contains(p.Value));
            return hadIt ? p.AsWarning() with { Message = p.Message + " (already so before this update)" } : p;
        })];
    }

    private static int IndexOf(JsonText? entries, string? secret)
    {
        if (entries is not { } list || secret is null)
        {
            return -1;
        }

        var items = list.Items(ImageCacheSpec.MaxImagePullSecrets);
        for (var i = 0; i < items.Count; i++)
        {
            if (((JsonText?)items[i]).Text() == secret)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// True when an update leaves the spec as it was (then nothing needs reconciling). The API
    /// server writes both objects the same way; any other difference only costs one extra reconcile.
    /// </summary>
    private static bool SameSpec(JsonText? current, JsonText? old) =>
        (current.Field("spec"), old.Field("spec")) switch
        {
            (null, null) => true,
            ({ } a, { } b) => a.SameTextAs(b),
            _ => false,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "admission: ImageCache {Name} denied with {Count} problem(s)")]
    private static partial void LogDenied(ILogger logger, string name, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "admission: image pull secret {Secret}: {Kind}: {Detail}")]
    private static partial void LogSecretProblem(ILogger logger, string secret, ImagePullSecretProblemKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "admission: image pull secrets not checked: {Detail}")]
    private static partial void LogSecretsUnreadable(ILogger logger, string detail);
}
