namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>Why an image pull secret could not (fully) be used.</summary>
public enum ImagePullSecretProblemKind
{
    /// <summary>The spec entry is not <c>namespace:name</c>.</summary>
    InvalidReference,

    /// <summary>The secret does not exist.</summary>
    NotFound,

    /// <summary>The functions may not read the secret (RBAC).</summary>
    Forbidden,

    /// <summary>The secret could not be read for another reason (API error, timeout).</summary>
    Unreadable,

    /// <summary>The secret is not of type kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg.</summary>
    UnsupportedType,

    /// <summary>The secret's data is missing or not a docker config.</summary>
    Malformed,

    /// <summary>The entry for one of the cache's registries is unusable.</summary>
    MalformedEntry,

    /// <summary>The secret has no entry for any registry of the cache's images.</summary>
    NoEntryForRegistries,

    /// <summary>Two images of one registry need different credentials; ECI takes one per registry.</summary>
    ConflictingCredentials,

    /// <summary>An image of the spec is not a valid reference, so its registry is unknown.</summary>
    InvalidImage,
}
