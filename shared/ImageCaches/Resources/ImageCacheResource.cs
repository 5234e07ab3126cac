namespace ImageCacheFunctions.ImageCaches.Resources;

/// <summary>
/// Names of the ImageCache custom resource and every label, annotation and finalizer this
/// product puts on it. Defined here once; everything else refers to these constants.
/// </summary>
public static class ImageCacheResource
{
    public const string Group = "eci.alibabacloud.com";
    public const string Version = "v1";
    public const string ApiVersion = Group + "/" + Version;
    public const string Kind = "ImageCache";
    public const string ListKind = "ImageCacheList";
    public const string Plural = "imagecaches";
    public const string Singular = "imagecache";
    public const string ShortName = "ic";

    /// <summary>Prefix of this product's labels and annotations (the seed's spec has no room for our knobs).</summary>
    public const string Prefix = "imagecache.functions.openfaas.dev";

    /// <summary>Finalizer that makes deleting the object delete the ECI cache first.</summary>
    public const string Finalizer = Prefix + "/eci-cache";

    /// <summary>Annotation that exempts an ImageCache from every prune policy.</summary>
    public const string ProtectAnnotation = Prefix + "/protect";

    /// <summary>
    /// Prefix of the index labels: one label per repository referenced in spec.images, so a
    /// push can find its caches with a label selector instead of listing every object.
    /// The label key is <c>repo.{Prefix}/{hash}</c>; see the repository index in the domain.
    /// </summary>
    public const string RepositoryLabelPrefix = "repo." + Prefix + "/";

    /// <summary>Label set on objects created by an auto-create rule (value: the rule name).</summary>
    public const string AutoCreatedLabel = Prefix + "/auto-created-by";

    /// <summary>Component name used in Kubernetes Events this product records.</summary>
    public const string EventComponent = "imagecache-functions";

    /// <summary>ECI tag keys marking a cache as created by this product and naming its owner object.</summary>
    public const string EciManagedByTagKey = "managed-by";
    public const string EciManagedByTagValue = "imagecache-functions";
    public const string EciOwnerTagKey = "imagecache-name";
    public const string EciOwnerUidTagKey = "imagecache-uid";
}
