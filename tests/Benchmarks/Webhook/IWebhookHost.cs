namespace ImageCacheFunctions.Benchmarks.Webhook;

/// <summary>Where the benchmark posts deliveries, and the Kubernetes API it seeds.</summary>
internal interface IWebhookHost : IAsyncDisposable
{
    /// <summary>The webhook URL a registry would call (with <c>?source=</c>).</summary>
    Uri WebhookUrl { get; }

    /// <summary>The kubeconfig of the Kubernetes API the function uses.</summary>
    string Kubeconfig { get; }
}
