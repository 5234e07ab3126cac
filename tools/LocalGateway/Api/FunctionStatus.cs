namespace ImageCacheFunctions.LocalGateway.Api;

/// <summary>A function as the OpenFaaS gateway's /system/functions lists it.</summary>
internal sealed record FunctionStatus(
    string Name,
    string Image,
    string Namespace,
    long InvocationCount,
    int Replicas,
    int AvailableReplicas,
    string EnvProcess,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<string> Secrets,
    DateTimeOffset CreatedAt);
