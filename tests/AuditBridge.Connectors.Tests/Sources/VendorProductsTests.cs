using AuditBridge.Sources;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Connectors.Tests.Sources;

/// <summary>Each vendor declares how CEF and LEEF headers name it (docs/formats/cef.md, "Header"), keyed by its source type.</summary>
public sealed class VendorProductsTests
{
    [Fact]
    public void All_HasOneProductPerSourceType_WithTheDocumentedNames()
    {
        var products = VendorProducts.All.Select(p => (p.Vendor, p.DeviceVendor, p.Product, p.Version));

        Assert.Equal(
            [
                (DropboxSourceFactory.Type, "Dropbox", "Dropbox Activity Log", "1"),
                (BoxSourceFactory.Type, "Box", "Box Enterprise Events", "2.0"),
                (DashlaneSourceFactory.Type, "Dashlane", "Dashlane Audit Logs", "1"),
            ],
            products);
    }
}
