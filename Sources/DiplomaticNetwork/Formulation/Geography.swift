import Foundation

public enum Geography {
    /// Earth radius used by the model, km.
    public static let earthRadiusKm = 6371.0

    /// Great-circle distance by the haversine formula, km.
    public static func distanceKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dphi = (lat2 - lat1) * rad, dlambda = (lon2 - lon1) * rad
        let a = sin(dphi / 2) * sin(dphi / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlambda / 2) * sin(dlambda / 2)
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }
}
