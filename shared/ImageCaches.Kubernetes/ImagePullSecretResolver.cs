using System.Net;
using ImageCacheFunctions.ImageCaches.Credentials;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Resolves a cache's spec.imagePullSecrets (<c>namespace:name</c>) into the registry
/// credentials ECI needs. Each secret is read with GET (the functions' RBAC allows no LIST);
/// a missing, unreadable or malformed secret, or one with no entry for the cache's registries,
/// becomes a problem in the result, named for status and Events, never an exception. Only an
/// unreachable API server throws (<see cref="KubernetesUnavailableException"/>), so the
/// caller retries later instead of recording a wrong problem.
/// </summary>
public sealed class ImagePullSecretResolver(IKubernetes client)
{
    public Task<RegistryCredentialResolution> ResolveAsync(ImageCacheSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ResolveAsync(spec.Images, spec.ImagePullSecrets ?? [], cancellationToken);
    }

    public async Task<RegistryCredentialResolution> ResolveAsync(
        IEnumerable<string> images,
        IEnumerable<string> imagePullSecrets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(imagePullSecrets);

        var contents = new List<ImagePullSecretContent>();
        foreach (var entry in imagePullSecrets.Distinct(StringComparer.Ordinal))
        {
            contents.Add(await ReadAsync(entry, cancellationToken).ConfigureAwait(false));
        }

        return RegistryCredentialSelector.Select(images, contents);
    }

    private async Task<ImagePullSecretContent> ReadAsync(string entry, CancellationToken cancellationToken)
    {
        if (!ImagePullSecretReference.TryParse(entry, out var reference))
        {
            return ImagePullSecretContent.Failed(entry, ImagePullSecretProblemKind.InvalidReference,
                $"imagePullSecret '{entry}' is not of the form namespace:name");
        }

        var secret = reference!.ToString();
        try
        {
            var found = await KubernetesErrors.TranslateAsync($"get secret {secret}",
                ct => client.CoreV1.ReadNamespacedSecretAsync(reference.Name, reference.Namespace, cancellationToken: ct),
                cancellationToken).ConfigureAwait(false);
            return ImagePullSecretContent.Decode(secret, found.Type, found.Data);
        }
        catch (KubernetesNotFoundException)
        {
            return ImagePullSecretContent.Failed(secret, ImagePullSecretProblemKind.NotFound, $"imagePullSecret {secret} not found");
        }
        catch (KubernetesApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden)
        {
            return ImagePullSecretContent.Failed(secret, ImagePullSecretProblemKind.Forbidden,
                $"imagePullSecret {secret} cannot be read: the functions' service account may not get secrets in namespace {reference.Namespace}");
        }
        catch (KubernetesApiException ex) when (ex is not KubernetesUnavailableException)
        {
            return ImagePullSecretContent.Failed(secret, ImagePullSecretProblemKind.Unreadable,
                $"imagePullSecret {secret} cannot be read: {(int)ex.StatusCode} {ex.Reason ?? ex.StatusCode.ToString()}");
        }
    }
}
