using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using ImageCacheFunctions.ImageCaches.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.ImageCaches.Kubernetes;

/// <summary>
/// Reads and writes ImageCache objects through KubernetesClient (the custom objects API with
/// the typed model). Writes that could overwrite a concurrent change carry a resourceVersion
/// precondition; <see cref="UpdateAsync"/> is the read-modify-write loop built on that.
/// API errors surface as the typed exceptions in <see cref="Errors"/>.
/// </summary>
public sealed partial class ImageCacheStore(
    IKubernetes client,
    IOptions<KubernetesOptions> options,
    ILogger<ImageCacheStore> logger)
{
    private const string Group = ImageCacheResource.Group;
    private const string Version = ImageCacheResource.Version;
    private const string Plural = ImageCacheResource.Plural;

    private readonly KubernetesOptions settings = options.Value;

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<ImageCache?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            return await KubernetesErrors.TranslateAsync($"get imagecache {name}", async ct =>
            {
                using var response = await client.CustomObjects
                    .GetClusterCustomObjectWithHttpMessagesAsync<ImageCache>(Group, Version, Plural, name, cancellationToken: ct)
                    .ConfigureAwait(false);
                return response.Body;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesNotFoundException)
        {
            return null;
        }
    }

    /// <summary>One LIST page; pass the previous page's <c>metadata.continue</c> to get the next.</summary>
    private Task<ImageCacheList> ListPageAsync(string? labelSelector, string? continueToken, int? limit, CancellationToken cancellationToken) =>
        KubernetesErrors.TranslateAsync($"list imagecaches{(string.IsNullOrEmpty(labelSelector) ? "" : " " + labelSelector)}", async ct =>
        {
            using var response = await client.CustomObjects
                .ListClusterCustomObjectWithHttpMessagesAsync<ImageCacheList>(
                    Group, Version, Plural,
                    continueParameter: string.IsNullOrEmpty(continueToken) ? null : continueToken,
                    labelSelector: string.IsNullOrEmpty(labelSelector) ? null : labelSelector,
                    limit: limit,
                    cancellationToken: ct)
                .ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);

    /// <summary>
    /// Every object matching <paramref name="labelSelector"/> (all when null), fetched page by
    /// page (<see cref="KubernetesOptions.PageSize"/>) so a large cluster is never one response.
    /// A continue token that expired mid-way (410 Gone) surfaces as <see cref="KubernetesApiException"/>;
    /// start the pass again.
    /// </summary>
    public async IAsyncEnumerable<ImageCache> ListAsync(string? labelSelector = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? continueToken = null;
        do
        {
            var page = await ListPageAsync(labelSelector, continueToken, settings.PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }

            continueToken = page.Metadata?.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(continueToken));
    }

    /// <summary>Creates the object. <see cref="KubernetesAlreadyExistsException"/> when the name is taken.</summary>
    public Task<ImageCache> CreateAsync(ImageCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return KubernetesErrors.TranslateAsync($"create imagecache {cache.Metadata?.Name}", async ct =>
        {
            using var response = await client.CustomObjects
                .CreateClusterCustomObjectWithHttpMessagesAsync<ImageCache>(cache, Group, Version, Plural, cancellationToken: ct)
                .ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);
    }

    /// <summary>Sets (or, for a null value, removes) labels and annotations.</summary>
    internal Task<ImageCache> PatchMetadataAsync(
        string name,
        IReadOnlyDictionary<string, string?>? labels,
        IReadOnlyDictionary<string, string?>? annotations,
        string? expectedResourceVersion,
        CancellationToken cancellationToken)
    {
        var metadata = new JsonObject();
        if (labels is { Count: > 0 })
        {
            metadata["labels"] = ToNode(labels);
        }

        if (annotations is { Count: > 0 })
        {
            metadata["annotations"] = ToNode(annotations);
        }

        return PatchAsync(name, new JsonObject { ["metadata"] = metadata }, expectedResourceVersion, cancellationToken);

        static JsonObject ToNode(IReadOnlyDictionary<string, string?> values)
        {
            var node = new JsonObject();
            foreach (var (key, value) in values)
            {
                node[key] = value is null ? null : JsonValue.Create(value);
            }

            return node;
        }
    }

    /// <summary>
    /// PUT of the status subresource. The object's <c>metadata.resourceVersion</c> is the
    /// precondition (required: an unconditional status write could undo someone else's).
    /// </summary>
    public Task<ImageCache> ReplaceStatusAsync(ImageCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var name = cache.Metadata?.Name;
        ArgumentException.ThrowIfNullOrEmpty(name, "cache.Metadata.Name");
        if (string.IsNullOrEmpty(cache.Metadata!.ResourceVersion))
        {
            throw new ArgumentException("A status write needs metadata.resourceVersion (read the object first).", nameof(cache));
        }

        return KubernetesErrors.TranslateAsync($"replace status of imagecache {name}", async ct =>
        {
            using var response = await client.CustomObjects
                .ReplaceClusterCustomObjectStatusWithHttpMessagesAsync<ImageCache>(cache, Group, Version, Plural, name, cancellationToken: ct)
                .ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);
    }

    /// <summary>
    /// PUT of the object (spec and metadata; the server ignores status here). The object's
    /// resourceVersion is the precondition.
    /// </summary>
    internal Task<ImageCache> ReplaceAsync(ImageCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var name = cache.Metadata?.Name;
        ArgumentException.ThrowIfNullOrEmpty(name, "cache.Metadata.Name");
        return KubernetesErrors.TranslateAsync($"replace imagecache {name}", async ct =>
        {
            using var response = await client.CustomObjects
                .ReplaceClusterCustomObjectWithHttpMessagesAsync<ImageCache>(cache, Group, Version, Plural, name, cancellationToken: ct)
                .ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes the object. With <paramref name="expectedUid"/> / <paramref name="expectedResourceVersion"/>
    /// it deletes only that incarnation / version (<see cref="KubernetesConflictException"/> otherwise),
    /// so a decision made on an old read never deletes a newer object.
    /// </summary>
    public async Task<ImageCacheDeleteResult> DeleteAsync(string name, string? expectedUid, string? expectedResourceVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var body = expectedUid is null && expectedResourceVersion is null
            ? null
            : new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = expectedUid, ResourceVersion = expectedResourceVersion } };
        try
        {
            var returned = await KubernetesErrors.TranslateAsync($"delete imagecache {name}", async ct =>
            {
                using var response = await client.CustomObjects
                    .DeleteClusterCustomObjectWithHttpMessagesAsync<JsonElement>(Group, Version, Plural, name, body, cancellationToken: ct)
                    .ConfigureAwait(false);
                return response.Body;
            }, cancellationToken).ConfigureAwait(false);

            // A custom resource DELETE answers with the object (or, from some servers, a Status).
            if (returned.ValueKind == JsonValueKind.Object
                && returned.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                && kind.GetString() == ImageCacheResource.Kind)
            {
                var cache = KubernetesJson.Deserialize<ImageCache>(returned);
                var pending = cache.IsBeingDeleted && cache.Metadata.Finalizers is { Count: > 0 };
                return new ImageCacheDeleteResult(pending ? ImageCacheDeleteOutcome.Pending : ImageCacheDeleteOutcome.Deleted, cache);
            }

            return new ImageCacheDeleteResult(ImageCacheDeleteOutcome.Deleted, null);
        }
        catch (KubernetesNotFoundException)
        {
            return new ImageCacheDeleteResult(ImageCacheDeleteOutcome.NotFound, null);
        }
    }

    /// <summary>
    /// Adds <paramref name="finalizer"/> (merge patch of the whole list with a resourceVersion
    /// precondition, re-read and retried on conflict up to <see cref="KubernetesOptions.ConflictRetryAttempts"/>
    /// times, then <see cref="KubernetesConflictException"/>). Returns the object, or null when it does not exist.
    /// </summary>
    public Task<ImageCache?> AddFinalizerAsync(string name, string finalizer, CancellationToken cancellationToken) =>
        ChangeFinalizersAsync(name, finalizer, add: true, cancellationToken);

    /// <summary>
    /// Removes <paramref name="finalizer"/>. When it was the last one of an object being deleted,
    /// the server deletes the object; the returned value is then its final state.
    /// </summary>
    public Task<ImageCache?> RemoveFinalizerAsync(string name, string finalizer, CancellationToken cancellationToken) =>
        ChangeFinalizersAsync(name, finalizer, add: false, cancellationToken);

    /// <summary>
    /// Read-modify-write with conflict retry. <paramref name="mutate"/> gets a private copy of the
    /// current object and returns the desired object (that copy, changed, or a new one), or null to
    /// leave it alone. It must be pure: on a conflict it runs again on a fresh read. Spec and
    /// metadata changes are written with a PUT of the object, status changes with a PUT of the
    /// status subresource, each only when it differs; so an unchanged pass writes nothing.
    /// </summary>
    public async Task<ImageCacheUpdateResult> UpdateAsync(string name, Func<ImageCache, ImageCache?> mutate, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(mutate);

        ImageCache? last = null;
        try
        {
            return await RetryOnConflictAsync(
                name,
                null,
                async (current, attempt, ct) =>
                {
                    last = current;
                    var desired = mutate(current.DeepClone());
                    var written = desired is null ? null : await WriteDifferencesAsync(current, desired, ct).ConfigureAwait(false);
                    return written is null
                        ? new ImageCacheUpdateResult(ImageCacheUpdateOutcome.Unchanged, current, attempt)
                        : new ImageCacheUpdateResult(ImageCacheUpdateOutcome.Updated, written, attempt);
                },
                attempt => new ImageCacheUpdateResult(ImageCacheUpdateOutcome.NotFound, null, attempt),
                cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesConflictException)
        {
            return new ImageCacheUpdateResult(ImageCacheUpdateOutcome.Conflict, last, settings.ConflictRetryAttempts);
        }
    }

    /// <summary>
    /// Brings the repository index labels of <paramref name="cache"/> in line with its spec.images
    /// (<see cref="Images.RepositoryIndexLabels"/>): a merge patch of those labels only, checked
    /// against the resourceVersion they were computed from, recomputed from a fresh read on a
    /// conflict. Returns the object as stored afterwards: <paramref name="cache"/> itself when
    /// nothing was needed (no write), or null when the object no longer exists.
    /// </summary>
    public Task<ImageCache?> EnsureRepositoryIndexAsync(ImageCache cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cache);
        return RetryOnConflictAsync<ImageCache?>(
            cache.Metadata.Name,
            cache,
            async (current, _, ct) =>
            {
                var changes = Images.RepositoryIndexLabels.Changes(current);
                if (changes.Count == 0 || current.IsBeingDeleted)
                {
                    return current;
                }

                var patched = await PatchMetadataAsync(current.Metadata.Name, changes, null, current.Metadata.ResourceVersion, ct).ConfigureAwait(false);
                LogIndexed(logger, current.Metadata.Name, changes.Count(c => c.Value is not null), changes.Count(c => c.Value is null));
                return patched;
            },
            _ => null,
            cancellationToken);
    }

    /// <summary>
    /// The one read-modify-write loop for ImageCache objects: <paramref name="write"/> gets the
    /// current object (<paramref name="known"/> on the first attempt when given, else a fresh read)
    /// and writes with its resourceVersion as the precondition. On a conflict it runs again on a
    /// fresh read, up to <see cref="KubernetesOptions.ConflictRetryAttempts"/> attempts, then the
    /// <see cref="KubernetesConflictException"/> propagates. A missing object (before or during
    /// the write) gives <paramref name="notFound"/>. <paramref name="write"/> must decide only
    /// from what it is given: it runs again, whole, on the fresh object.
    /// </summary>
    public async Task<T> RetryOnConflictAsync<T>(
        string name,
        ImageCache? known,
        Func<ImageCache, int, CancellationToken, Task<T>> write,
        Func<int, T> notFound,
        CancellationToken cancellationToken)
    {
        var current = known;
        for (var attempt = 1; ; attempt++)
        {
            current ??= await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return notFound(attempt);
            }

            try
            {
                return await write(current, attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesNotFoundException)
            {
                return notFound(attempt);
            }
            catch (KubernetesConflictException ex) when (attempt < settings.ConflictRetryAttempts)
            {
                // No pause: the re-read is a round trip, and a fresh read is what resolves a conflict.
                LogConflict(logger, name, attempt, settings.ConflictRetryAttempts, ex.Message);
                KubernetesMetrics.ConflictRetried();
                current = null;
            }
        }
    }

    private async Task<ImageCache?> WriteDifferencesAsync(ImageCache current, ImageCache desired, CancellationToken cancellationToken)
    {
        desired.Metadata ??= new V1ObjectMeta();
        desired.Metadata.Name = current.Metadata.Name;
        desired.Metadata.ResourceVersion = current.Metadata.ResourceVersion;

        ImageCache? written = null;
        if (!SameJson(WithoutStatus(current), WithoutStatus(desired)))
        {
            written = await ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);
        }

        if (!SameJson(current.Status, desired.Status))
        {
            var statusWrite = (written ?? current).DeepClone();
            statusWrite.Status = desired.Status;
            written = await ReplaceStatusAsync(statusWrite, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    private Task<ImageCache?> ChangeFinalizersAsync(string name, string finalizer, bool add, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(finalizer);
        return RetryOnConflictAsync<ImageCache?>(
            name,
            null,
            async (current, _, ct) =>
            {
                if (current.HasFinalizer(finalizer) == add)
                {
                    return current;
                }

                var finalizers = new List<string>(current.Metadata.Finalizers ?? []);
                if (add)
                {
                    finalizers.Add(finalizer);
                }
                else
                {
                    finalizers.RemoveAll(f => f == finalizer);
                }

                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()) },
                };
                return await PatchAsync(name, patch, current.Metadata.ResourceVersion, ct).ConfigureAwait(false);
            },
            _ => null,
            cancellationToken);
    }

    /// <summary>
    /// JSON merge patch (RFC 7386) of the object (spec, metadata). With
    /// <paramref name="expectedResourceVersion"/> the patch applies only to that version
    /// (<see cref="KubernetesConflictException"/> otherwise).
    /// </summary>
    private Task<ImageCache> PatchAsync(string name, JsonObject mergePatch, string? expectedResourceVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(mergePatch);

        var patch = mergePatch.DeepClone().AsObject();
        if (!string.IsNullOrEmpty(expectedResourceVersion))
        {
            // A resourceVersion in a patch body is a precondition: the server refuses it with 409 if stale.
            if (patch["metadata"] is not JsonObject metadata)
            {
                metadata = new JsonObject();
                patch["metadata"] = metadata;
            }

            metadata["resourceVersion"] = expectedResourceVersion;
        }

        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        return KubernetesErrors.TranslateAsync($"patch imagecache {name}", async ct =>
        {
            using var response = await client.CustomObjects
                .PatchClusterCustomObjectWithHttpMessagesAsync<ImageCache>(body, Group, Version, Plural, name, cancellationToken: ct)
                .ConfigureAwait(false);
            return response.Body;
        }, cancellationToken);
    }

    private static ImageCache WithoutStatus(ImageCache cache)
    {
        var copy = cache.DeepClone();
        copy.Status = null;
        copy.Metadata.ResourceVersion = null;
        return copy;
    }

    private static bool SameJson(object? left, object? right) =>
        (left is null && right is null)
        || (left is not null && right is not null
            && JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(left)), JsonNode.Parse(KubernetesJson.Serialize(right))));

    [LoggerMessage(Level = LogLevel.Information, Message = "imagecache {Name}: repository index labels updated ({Set} set, {Removed} removed)")]
    private static partial void LogIndexed(ILogger logger, string name, int set, int removed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "imagecache {Name}: resourceVersion conflict on attempt {Attempt} of {MaxAttempts}: {Detail}")]
    private static partial void LogConflict(ILogger logger, string name, int attempt, int maxAttempts, string detail);
}
