import Foundation
print("mock")
