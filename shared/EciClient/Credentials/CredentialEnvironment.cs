namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>The environment variable and file names the credentials chain reads.</summary>
public static class CredentialEnvironment
{
    /// <summary>AccessKey ID variable.</summary>
    public const string AccessKeyId = "ALIBABA_CLOUD_ACCESS_KEY_ID";

    /// <summary>AccessKey secret variable.</summary>
    public const string AccessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

    /// <summary>STS security token variable (optional).</summary>
    public const string SecurityToken = "ALIBABA_CLOUD_SECURITY_TOKEN";

    /// <summary>RRSA: the RAM role to assume.</summary>
    public const string RoleArn = "ALIBABA_CLOUD_ROLE_ARN";

    /// <summary>RRSA: the OIDC provider of the cluster.</summary>
    public const string OidcProviderArn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";

    /// <summary>RRSA: the file holding the projected service-account token.</summary>
    public const string OidcTokenFile = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

    /// <summary>RRSA: optional session name.</summary>
    public const string RoleSessionName = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

    /// <summary>Overrides the OpenFaaS secrets directory.</summary>
    public const string OpenFaasSecretsDirectory = "OPENFAAS_SECRETS_DIR";

    /// <summary>Where OpenFaaS mounts function secrets.</summary>
    public const string DefaultOpenFaasSecretsDirectory = "/var/openfaas/secrets";

    /// <summary>Secret file with the AccessKey ID.</summary>
    public const string AccessKeyIdFile = "alibaba-cloud-access-key-id";

    /// <summary>Secret file with the AccessKey secret.</summary>
    public const string AccessKeySecretFile = "alibaba-cloud-access-key-secret";

    /// <summary>Secret file with the STS token (optional).</summary>
    public const string SecurityTokenFile = "alibaba-cloud-security-token";
}
