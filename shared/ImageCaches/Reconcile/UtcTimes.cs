namespace ImageCacheFunctions.ImageCaches.Reconcile;

/// <summary>KubernetesClient's model types use DateTime; status times are compared as UTC instants.</summary>
internal static class UtcTimes
{
    public static DateTimeOffset ToOffset(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
        DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
