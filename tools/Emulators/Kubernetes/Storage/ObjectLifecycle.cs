using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ImageCacheFunctions.Emulators.Kubernetes.Api;
using ImageCacheFunctions.Emulators.Kubernetes.Json;
using ImageCacheFunctions.Emulators.Kubernetes.Patching;
using ImageCacheFunctions.Emulators.Kubernetes.Resources;
using ImageCacheFunctions.Emulators.Kubernetes.Schema;
using ImageCacheFunctions.Emulators.Kubernetes.Selection;

namespace ImageCacheFunctions.Emulators.Kubernetes.Storage;

/// <summary>
/// The apiserver's object rules over the store: create, update, patch, delete and list with
/// resourceVersion preconditions, generation, the status subresource, finalizers and
/// deletionTimestamp, schema pruning/defaulting/validation, and dry runs.
/// </summary>
internal sealed class ObjectLifecycle(ObjectStore store, ResourceCatalog catalog, TimeProvider clock)
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ObjectStore Store => store;

    public WriteOutcome Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        CheckTypeMeta(type, body);
        var warnings = new List<string>();
        var metadata = body.Metadata();
        ApplyNamespace(type, ns, metadata);
        if (!string.IsNullOrEmpty(metadata.String("resourceVersion")))
        {
            throw StatusDocuments.Internal("resourceVersion should not be set on objects to be created");
        }
        var name = metadata.String("name");
        if (string.IsNullOrEmpty(name))
        {
            var generateName = metadata.String("generateName");
            if (string.IsNullOrEmpty(generateName))
            {
                throw StatusDocuments.Invalid(type, "", [FieldError.Required("metadata.name", "name or generateName is required")]);
            }
            name = generateName + RandomSuffix();
            metadata["name"] = name;
        }

        lock (store.Gate)
        {
            if (type.Namespaced)
            {
                RequireNamespace(ns!);
            }
            if (type.HasStatus)
            {
                body.Remove("status");
            }
            Normalize(type, body, options, warnings);
            type.Behavior.PrepareForCreate(body);
            type.Schema?.ApplyDefaults(body);

            metadata = body.Metadata();
            metadata["uid"] = Guid.NewGuid().ToString("D");
            metadata["creationTimestamp"] = Timestamps.Format(clock.GetUtcNow());
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            metadata.Remove("selfLink");
            metadata.Remove("managedFields");
            if (type.TracksGeneration)
            {
                metadata["generation"] = 1;
            }
            else
            {
                metadata.Remove("generation");
            }
            if (type == BuiltInResources.CustomResourceDefinitions)
            {
                // The Established condition's time is the creation time, known only now.
                type.Behavior.PrepareForCreate(body);
            }

            Validate(type, body, null);
            if (store.Find(type.StorageKey, ns, name) is not null)
            {
                throw StatusDocuments.AlreadyExists(type, name);
            }
            if (options.DryRun)
            {
                return new WriteOutcome(201, body, warnings);
            }
            metadata["resourceVersion"] = store.NextRevision().ToString(CultureInfo.InvariantCulture);
            var stored = new StoredObject(type, body);
            store.Put(stored, null);
            AfterWrite(type, stored);
            return new WriteOutcome(201, body, warnings);
        }
    }

    public WriteOutcome Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        CheckTypeMeta(type, body);
        var metadata = body.Metadata();
        CheckName(metadata, name);
        ApplyNamespace(type, ns, metadata);
        lock (store.Gate)
        {
            var existing = store.Find(type.StorageKey, ns, name) ?? throw StatusDocuments.NotFound(type, name);
            var resourceVersion = metadata.String("resourceVersion");
            if (string.IsNullOrEmpty(resourceVersion))
            {
                if (!type.AllowUnconditionalUpdate)
                {
                    throw StatusDocuments.Invalid(type, name, [FieldError.InvalidText("metadata.resourceVersion", "0x0", "must be specified for an update")]);
                }
            }
            else if (resourceVersion != Version(existing))
            {
                throw StatusDocuments.StaleResourceVersion(type, name);
            }
            return ApplyUpdate(type, existing, body, subresource, options);
        }
    }

    public WriteOutcome Patch(ResourceType type, string? ns, string name, string? subresource, PatchKind kind, JsonNode? patch, WriteOptions options, ResourceConversion? conversion = null)
    {
        if (kind == PatchKind.StrategicMerge && type.IsCustom)
        {
            throw StatusDocuments.UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw StatusDocuments.Invalid(
                new ResourceType { Group = "meta.k8s.io", Version = "v1", Kind = "PatchOptions", Plural = "patchoptions", Singular = "patchoptions", Namespaced = false },
                "", [FieldError.Required("fieldManager", "is required for apply patch")]);
        }
        if (kind is PatchKind.Merge or PatchKind.StrategicMerge or PatchKind.Apply && patch is not JsonObject)
        {
            throw StatusDocuments.BadRequest($"json: cannot unmarshal {JsonNodes.Kind(patch)} into Go value of type map[string]interface {{}}");
        }
        lock (store.Gate)
        {
            var existing = store.Find(type.StorageKey, ns, name);
            if (existing is null)
            {
                if (kind == PatchKind.Apply)
                {
                    var created = (JsonObject)patch!.DeepClone();
                    CheckName(created.Metadata(), name);
                    created = conversion?.ToStorage(created) ?? created;
                    return Create(type, ns, created, options);
                }
                throw StatusDocuments.NotFound(type, name);
            }
            // A patch applies to the object as the client sees it.
            var current = conversion?.FromStorage(existing.ToJson()) ?? existing.ToJson();
            var patched = kind == PatchKind.Json ? JsonPatch.Apply(current, patch) : JsonMergePatch.Apply(current, patch);
            if (patched is not JsonObject candidate)
            {
                throw StatusDocuments.BadRequest("the patch did not produce an object");
            }
            candidate = conversion?.ToStorage(candidate) ?? candidate;
            var metadata = candidate.Metadata();
            // A resourceVersion in the patch is a precondition, as with an update.
            var resourceVersion = metadata.String("resourceVersion");
            if (!string.IsNullOrEmpty(resourceVersion) && resourceVersion != Version(existing))
            {
                throw StatusDocuments.StaleResourceVersion(type, name);
            }
            if (metadata.String("name") != name)
            {
                throw StatusDocuments.BadRequest($"the name of the object ({metadata.String("name")}) does not match the name on the URL ({name})");
            }
            metadata["resourceVersion"] = Version(existing);
            return ApplyUpdate(type, existing, candidate, subresource, options);
        }
    }

    public WriteOutcome Delete(ResourceType type, string? ns, string name, JsonObject? deleteOptions, WriteOptions options)
    {
        lock (store.Gate)
        {
            var existing = store.Find(type.StorageKey, ns, name) ?? throw StatusDocuments.NotFound(type, name);
            var preconditions = deleteOptions?.Object("preconditions");
            if (preconditions.String("uid") is { } uid && uid != existing.Uid)
            {
                throw StatusDocuments.Conflict(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid}");
            }
            if (preconditions.String("resourceVersion") is { } rv && rv != Version(existing))
            {
                throw StatusDocuments.Conflict(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Version(existing)}");
            }
            if (existing.HasFinalizers)
            {
                // Deletion waits for the finalizers; the object stays, marked.
                if (existing.IsDeleting)
                {
                    return new WriteOutcome(200, existing.ToJson(), []);
                }
                var marked = existing.ToJson();
                var metadata = marked.Metadata();
                metadata["deletionTimestamp"] = Timestamps.Format(clock.GetUtcNow());
                metadata["deletionGracePeriodSeconds"] = 0;
                if (type.TracksGeneration)
                {
                    metadata["generation"] = (metadata.Int64("generation") ?? 0) + 1;
                }
                if (options.DryRun)
                {
                    return new WriteOutcome(200, marked, []);
                }
                metadata["resourceVersion"] = store.NextRevision().ToString(CultureInfo.InvariantCulture);
                var stored = new StoredObject(type, marked);
                store.Put(stored, existing);
                return new WriteOutcome(200, marked, []);
            }
            if (!options.DryRun)
            {
                RemoveNow(type, existing);
            }
            return new WriteOutcome(200, StatusDocuments.Success(type, name, existing.Uid), []);
        }
    }

    /// <summary>DELETE on a collection: each selected object is deleted as by DELETE on it.</summary>
    public List<JsonObject> DeleteCollection(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, JsonObject? deleteOptions, WriteOptions options)
    {
        lock (store.Gate)
        {
            var selected = List(type, ns, labels, fields, null, null).Items;
            var deleted = new List<JsonObject>();
            foreach (var obj in selected)
            {
                var outcome = Delete(type, obj.Namespace, obj.Name, deleteOptions, options);
                deleted.Add(outcome.Body.String("kind") == "Status" ? obj.ToJson() : outcome.Body);
            }
            return deleted;
        }
    }

    public StoredObject Get(ResourceType type, string? ns, string name)
    {
        lock (store.Gate)
        {
            return store.Find(type.StorageKey, ns, name) ?? throw StatusDocuments.NotFound(type, name);
        }
    }

    public ListPage List(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        string? afterKey = null;
        if (!string.IsNullOrEmpty(continueToken))
        {
            afterKey = ContinueToken.Decode(continueToken).AfterKey;
        }
        lock (store.Gate)
        {
            var revision = store.Revision;
            var items = new List<StoredObject>();
            IEnumerable<StoredObject> candidates;
            if (fields.ExactName is { } exactName)
            {
                var named = ns is not null || !type.Namespaced
                    ? new[] { store.Find(type.StorageKey, ns, exactName) }.OfType<StoredObject>()
                    : store.Scan(type.StorageKey, null, afterKey).Where(o => o.Name == exactName);
                candidates = named.Where(o => afterKey is null || string.CompareOrdinal(o.Key, afterKey) > 0);
            }
            else if (labels.Indexable is { } indexed)
            {
                candidates = store.ScanByLabel(type.StorageKey, ns, afterKey, indexed.Key, indexed.Values);
            }
            else
            {
                candidates = store.Scan(type.StorageKey, ns, afterKey);
            }
            string? next = null;
            foreach (var obj in candidates)
            {
                if (limit is > 0 && items.Count == limit.Value)
                {
                    next = ContinueToken.Encode(revision, items[^1].Key);
                    break;
                }
                if (labels.Matches(obj.Labels) && (fields.IsEverything || fields.Matches(obj.Namespace, obj.Name, obj.ToJson)))
                {
                    items.Add(obj);
                }
            }
            long? remaining = null;
            if (next is not null && labels.IsEverything && fields.IsEverything && ns is null)
            {
                remaining = store.CountAfter(type.StorageKey, items[^1].Key);
            }
            return new ListPage(items, revision, next, remaining);
        }
    }

    /// <summary>Applies CRD files at start-up: created when missing, replaced when changed.</summary>
    public void ApplyDefinition(JsonObject crd)
    {
        var type = BuiltInResources.CustomResourceDefinitions;
        var name = crd.Object("metadata").String("name") ?? throw new InvalidOperationException("A CRD file has no metadata.name.");
        lock (store.Gate)
        {
            var existing = store.Find(type.StorageKey, null, name);
            if (existing is null)
            {
                Create(type, null, crd, WriteOptions.Default);
                return;
            }
            var current = existing.ToJson();
            if (JsonNode.DeepEquals(current["spec"], crd["spec"]))
            {
                catalog.RegisterCustom(current);
                return;
            }
            current["spec"] = crd["spec"]?.DeepClone();
            ApplyUpdate(type, existing, current, null, WriteOptions.Default);
        }
    }

    public void EnsureNamespace(string name)
    {
        lock (store.Gate)
        {
            if (store.Find(BuiltInResources.Namespaces.StorageKey, null, name) is null)
            {
                Create(BuiltInResources.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Default);
            }
        }
    }

    private WriteOutcome ApplyUpdate(ResourceType type, StoredObject existing, JsonObject candidate, string? subresource, WriteOptions options)
    {
        var warnings = new List<string>();
        var old = existing.ToJson();
        var oldMetadata = old.Metadata();
        JsonObject next;
        if (subresource == "status")
        {
            // The status endpoint takes the status and nothing else.
            Normalize(type, candidate, options, warnings);
            next = existing.ToJson();
            if (candidate["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }
        else
        {
            CheckTypeMeta(type, candidate);
            next = candidate;
            if (type.HasStatus)
            {
                // The main endpoint ignores status changes.
                if (old["status"] is { } status)
                {
                    next["status"] = status.DeepClone();
                }
                else
                {
                    next.Remove("status");
                }
            }
            Normalize(type, next, options, warnings);
            type.Behavior.PrepareForUpdate(next, old);
            var metadata = next.Metadata();
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
            {
                if (oldMetadata[field] is { } value)
                {
                    metadata[field] = value.DeepClone();
                }
                else
                {
                    metadata.Remove(field);
                }
            }
            metadata.Remove("selfLink");
            metadata.Remove("managedFields");
            if (existing.IsDeleting)
            {
                var before = oldMetadata.StringList("finalizers");
                var added = metadata.StringList("finalizers").Where(f => !before.Contains(f)).ToList();
                if (added.Count > 0)
                {
                    throw StatusDocuments.Invalid(type, existing.Name,
                        [FieldError.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(JsonNodes.GoQuote))}}}")]);
                }
            }
        }
        type.Schema?.ApplyDefaults(next);
        next.Metadata()["resourceVersion"] = Version(existing);

        Validate(type, next, old);

        if (type.TracksGeneration && subresource is null && SpecChanged(old, next, type.HasStatus))
        {
            next.Metadata()["generation"] = (oldMetadata.Int64("generation") ?? 0) + 1;
        }
        if (JsonNode.DeepEquals(old, next))
        {
            // A write that changes nothing does not reach storage: no new resourceVersion, no event.
            return new WriteOutcome(200, old, warnings);
        }
        if (options.DryRun)
        {
            return new WriteOutcome(200, next, warnings);
        }
        next.Metadata()["resourceVersion"] = store.NextRevision().ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, next);
        if (stored.IsDeleting && !stored.HasFinalizers)
        {
            // The last finalizer is gone: the object goes now.
            store.Remove(stored, existing);
            AfterDelete(type, stored);
            return new WriteOutcome(200, next, warnings);
        }
        store.Put(stored, existing);
        AfterWrite(type, stored);
        return new WriteOutcome(200, next, warnings);
    }

    private void RemoveNow(ResourceType type, StoredObject existing)
    {
        var final = existing.ToJson();
        final.Metadata()["resourceVersion"] = store.NextRevision().ToString(CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, final);
        store.Remove(stored, existing);
        AfterDelete(type, stored);
    }

    private void AfterWrite(ResourceType type, StoredObject stored)
    {
        if (type == BuiltInResources.CustomResourceDefinitions)
        {
            catalog.RegisterCustom(stored.ToJson());
        }
    }

    private void AfterDelete(ResourceType type, StoredObject stored)
    {
        if (type == BuiltInResources.Namespaces)
        {
            // The namespace controller's work, done at once: a deleted namespace takes its objects along.
            foreach (var namespaced in catalog.All.Where(t => t.Namespaced && t.Conversion is null))
            {
                foreach (var obj in store.Scan(namespaced.StorageKey, stored.Name, null).ToList())
                {
                    RemoveNow(namespaced, obj);
                }
            }
            return;
        }
        if (type != BuiltInResources.CustomResourceDefinitions)
        {
            return;
        }
        // Deleting a CRD deletes its objects, finalizers or not.
        if (catalog.UnregisterCustom(stored.Name) is { } served)
        {
            foreach (var obj in store.Scan(served.StorageKey, null, null).ToList())
            {
                RemoveNow(served, obj);
            }
        }
    }

    /// <summary>Pruning of unknown fields (custom resources) and the fieldValidation answer to them.</summary>
    private static void Normalize(ResourceType type, JsonObject obj, WriteOptions options, List<string> warnings)
    {
        var unknown = new List<string>();
        if (type.Schema is not null)
        {
            type.Schema.Prune(obj, unknown);
        }
        else if (obj["metadata"] is JsonObject metadata)
        {
            foreach (var key in metadata.Select(p => p.Key).ToList())
            {
                if (!ObjectMetaRules.KnownFields.Contains(key))
                {
                    metadata.Remove(key);
                    unknown.Add($"metadata.{key}");
                }
            }
        }
        if (unknown.Count == 0)
        {
            return;
        }
        var messages = unknown.Select(u => $"unknown field \"{u}\"").ToList();
        switch (options.FieldValidation)
        {
            case "Strict":
                throw StatusDocuments.BadRequest(
                    $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", messages)}");
            case "Warn":
                warnings.AddRange(messages);
                break;
        }
    }

    private static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        var metadata = obj.Metadata();
        var name = metadata.String("name") ?? "";
        foreach (var message in type.Behavior.ValidateName(name))
        {
            errors.Add(FieldError.Invalid("metadata.name", name, message));
        }
        ObjectMetaRules.Validate(metadata, errors);
        type.Schema?.Validate(obj, errors);
        type.Behavior.Validate(obj, old, errors);
        if (errors.Count > 0)
        {
            throw StatusDocuments.Invalid(type, name, errors);
        }
    }

    private static bool SpecChanged(JsonObject old, JsonObject next, bool hasStatus)
    {
        var keys = old.Select(p => p.Key).Concat(next.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (key == "metadata" || (hasStatus && key == "status"))
            {
                continue;
            }
            if (!JsonNode.DeepEquals(old[key], next[key]))
            {
                return true;
            }
        }
        return false;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject body)
    {
        var apiVersion = body.String("apiVersion");
        var kind = body.String("kind");
        if (type.IsCustom && (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion)))
        {
            var missing = string.IsNullOrEmpty(kind) ? "Kind" : "APIVersion";
            throw StatusDocuments.BadRequest($"Object '{missing}' is missing in '{Shorten(JsonText.ToText(body))}'");
        }
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw StatusDocuments.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusDocuments.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }
        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
        // Keep apiVersion, kind, metadata first, as the apiserver writes them.
        var ordered = body.ToList();
        body.Clear();
        foreach (var key in new[] { "apiVersion", "kind", "metadata" })
        {
            var entry = ordered.FirstOrDefault(p => p.Key == key);
            if (entry.Key is not null)
            {
                body[key] = entry.Value;
            }
        }
        foreach (var (key, value) in ordered)
        {
            if (key is not ("apiVersion" or "kind" or "metadata"))
            {
                body[key] = value;
            }
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "..." : text;

    private static void CheckName(JsonObject metadata, string name)
    {
        var bodyName = metadata.String("name");
        if (string.IsNullOrEmpty(bodyName))
        {
            metadata["name"] = name;
        }
        else if (bodyName != name)
        {
            throw StatusDocuments.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
    }

    private static void ApplyNamespace(ResourceType type, string? ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        var bodyNamespace = metadata.String("namespace");
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
        {
            throw StatusDocuments.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
    }

    private void RequireNamespace(string ns)
    {
        if (store.Find(BuiltInResources.Namespaces.StorageKey, null, ns) is null)
        {
            throw StatusDocuments.NamespaceNotFound(ns);
        }
    }

    private static string Version(StoredObject obj) => obj.ResourceVersion.ToString(CultureInfo.InvariantCulture);

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = GenerateNameAlphabet[RandomNumberGenerator.GetInt32(GenerateNameAlphabet.Length)];
            }
        });
}
