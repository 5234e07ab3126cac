namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>The webhook configuration is invalid; the message lists every problem, one per line.</summary>
public sealed class WebhookConfigurationException : Exception
{
    public WebhookConfigurationException()
    {
    }

    public WebhookConfigurationException(string message)
        : base(message)
    {
    }

    public WebhookConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
