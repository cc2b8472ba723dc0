import Foundation
print("reprise")
