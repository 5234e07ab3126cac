namespace ImageCacheFunctions.ImageCaches.Credentials;

/// <summary>The two secret layouts the kubelet accepts for image pulls.</summary>
public enum DockerConfigFormat
{
    /// <summary><c>kubernetes.io/dockerconfigjson</c>, key <c>.dockerconfigjson</c>: <c>{"auths": {key: {…}}}</c>.</summary>
    DockerConfigJson,

    /// <summary>Legacy <c>kubernetes.io/dockercfg</c>, key <c>.dockercfg</c>: <c>{key: {…}}</c>.</summary>
    DockerCfg,
}
