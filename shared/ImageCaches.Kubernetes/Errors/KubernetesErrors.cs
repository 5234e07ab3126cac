using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImageCacheFunctions.ImageCaches.Kubernetes.Errors;

/// <summary>
/// Runs one API call and turns KubernetesClient's failures into the typed exceptions of this
/// folder: Status errors by code and reason; timeouts and connection failures into
/// <see cref="KubernetesUnavailableException"/>. Caller cancellation stays a cancellation.
/// Every call is counted in <see cref="KubernetesMetrics"/>.
/// </summary>
public static class KubernetesErrors
{
    public static async Task<T> TranslateAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var result = await TranslateFailuresAsync(operation, call, cancellationToken).ConfigureAwait(false);
            KubernetesMetrics.Called(operation, null);
            return result;
        }
        catch (KubernetesApiException ex)
        {
            KubernetesMetrics.Called(operation, ex);
            throw;
        }
    }

    private static async Task<T> TranslateFailuresAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw FromResponse(operation, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation nobody asked for.
            throw new KubernetesUnavailableException(HttpStatusCode.GatewayTimeout, null, $"{operation}: the Kubernetes API did not answer in time", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new KubernetesUnavailableException(HttpStatusCode.ServiceUnavailable, null, $"{operation}: cannot reach the Kubernetes API ({ex.Message})", ex);
        }
    }

    public static KubernetesApiException FromResponse(string operation, HttpOperationException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var code = ex.Response?.StatusCode ?? HttpStatusCode.InternalServerError;
        var status = TryReadStatus(ex.Response?.Content);
        var message = $"{operation}: {(int)code} {status?.Reason ?? code.ToString()}: {status?.Message ?? "no Status body"}";

        return code switch
        {
            HttpStatusCode.NotFound => new KubernetesNotFoundException(status, message, ex),
            HttpStatusCode.Conflict when status?.Reason == "AlreadyExists" => new KubernetesAlreadyExistsException(status, message, ex),
            HttpStatusCode.Conflict => new KubernetesConflictException(status, message, ex),
            HttpStatusCode.UnprocessableEntity => new KubernetesInvalidException(status, WithCauses(message, status), ex),
            HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new KubernetesUnavailableException(code, status, message, ex)
            {
                RetryAfter = status?.Details?.RetryAfterSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null,
            },
            _ => new KubernetesApiException(code, status, message, ex),
        };
    }

    private static V1Status? TryReadStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string WithCauses(string message, V1Status? status)
    {
        var causes = status?.Details?.Causes;
        return causes is null || causes.Count == 0
            ? message
            : message + " [" + string.Join("; ", causes.Select(c => $"{c.Field}: {c.Message}")) + "]";
    }
}
